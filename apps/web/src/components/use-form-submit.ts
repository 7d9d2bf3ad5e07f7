import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { errorText } from './error-text.ts';
import { fieldErrorsOf, fieldErrorText, type FieldErrors } from './field-errors.ts';

const NONE: FieldErrors = new Map();

/**
 * A form's save: busy while the call runs, then either the success handler or the failure sentence
 * and the server's problems keyed by field. `err(path)` is the translated problem at a field
 * (`name`, `facts.0.id`; a list field also shows the problem of its first entry).
 */
export function useFormSubmit<T>(options: {
  save: () => Promise<T>;
  onSaved: (result: T) => void;
  /** The sentence shown when the server names fields; the generic error sentence otherwise. */
  fieldsFailure?: string;
}) {
  const translator = useI18n();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [errors, setErrors] = useState<FieldErrors>(NONE);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    setErrors(NONE);
    try {
      options.onSaved(await options.save());
    } catch (error) {
      const fieldErrors = fieldErrorsOf(error);
      setErrors(fieldErrors);
      setFailure(
        fieldErrors.size > 0 && options.fieldsFailure ? options.fieldsFailure : errorText(translator, error),
      );
    } finally {
      setBusy(false);
    }
  };
  const err = (path: string) => fieldErrorText(translator, errors.get(path) ?? errors.get(`${path}.0`));
  return { busy, failure, errors, err, onSubmit: (event: FormEvent) => void submit(event) };
}
