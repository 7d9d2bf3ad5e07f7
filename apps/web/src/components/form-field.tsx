import {
  useEffect,
  useId,
  useState,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import './form-field.css';

/** What a control needs to be announced with its label, hint and error. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  /** The control's id when something outside must find it; otherwise one is made up. */
  id?: string | undefined;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  className?: string | undefined;
  children: (control: FieldControlProps) => ReactNode;
}

/** A label, one control, its hint and its error; the control is wired to all three. */
export function Field({ id: given, label, hint, error, className, children }: FieldProps) {
  const generated = useId();
  const id = given ?? generated;
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={['field', error ? 'has-error' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': described || undefined,
      })}
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type SelectFieldProps<V extends string> = {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: V;
  options: readonly { value: V; label: string }[];
  onValue: (value: V) => void;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'value' | 'onChange'>;

/** A labelled select over a fixed list of values. */
export function SelectField<V extends string>({
  label,
  hint,
  error,
  value,
  options,
  onValue,
  className,
  ...select
}: SelectFieldProps<V>) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <select
          {...select}
          {...control}
          value={value}
          onChange={(event) => {
            const chosen = options.find((option) => option.value === event.target.value);
            if (chosen) onValue(chosen.value);
          }}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

type TextAreaFieldProps = {
  id?: string | undefined;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  /** Classes of the field around the text area. */
  className?: string | undefined;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'>;

/** A labelled multi-line text input. */
export function TextAreaField({ id, label, hint, error, className, ...area }: TextAreaFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      {(control) => <textarea rows={3} {...area} {...control} />}
    </Field>
  );
}

/** Splits a comma- or line-separated list, dropping blanks. */
export function parseList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * A list of short values typed as comma-separated text. The text the user types is kept as typed
 * (a trailing comma survives) and only replaced when the value changes from outside.
 */
export function ListField(props: {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: readonly string[];
  onValue: (value: string[]) => void;
  placeholder?: string;
}) {
  const [text, setText] = useState(props.value.join(', '));
  const joined = props.value.join('\u0000');
  useEffect(() => {
    setText((current) => (parseList(current).join('\u0000') === joined ? current : props.value.join(', ')));
    // `joined` stands for props.value.
  }, [joined]);
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {(control) => (
        <input
          {...control}
          type="text"
          value={text}
          placeholder={props.placeholder}
          onChange={(event) => {
            setText(event.target.value);
            props.onValue(parseList(event.target.value));
          }}
        />
      )}
    </Field>
  );
}

/** A titled group of fields (a fieldset), optionally with a sentence saying what it is for. */
export function FormSection(props: {
  title: string;
  description?: string | undefined;
  className?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className={['form-section', props.className ?? ''].filter(Boolean).join(' ')}>
      <legend>{props.title}</legend>
      {props.description ? <p className="field-hint form-section-description">{props.description}</p> : null}
      {props.children}
    </fieldset>
  );
}

/** The outcome line under a form: an alert when it failed, a status when it worked. */
export function FormOutcome(props: { failure?: string | undefined; success?: string | undefined }) {
  return (
    <>
      {props.failure ? (
        <p className="form-error" role="alert">
          {props.failure}
        </p>
      ) : null}
      {props.success ? (
        <p className="form-success" role="status">
          {props.success}
        </p>
      ) : null}
    </>
  );
}
