import type { BrandFindings } from '@ombud/contract';
import { useState, type FormEvent, type ReactNode } from 'react';
import { errorText } from '../../components/error-text.ts';
import { FormOutcome, TextAreaField } from '../../components/form-field.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { BrandFindingsView } from './brand-findings.tsx';

/** The words of one brand-check form: the team's screen and the advocate portal word it differently. */
export interface BrandCheckTexts {
  title: string;
  lead: string;
  draft: string;
  check: string;
  result: string;
}

/** Sending the checked draft on (the portal submits it for review); the draft is cleared when it worked. */
export interface BrandCheckSubmit {
  label: string;
  done: string;
  send: (text: string) => Promise<void>;
}

/**
 * Paste a draft, check it against the brief, see the findings marked in its text; optionally submit
 * it. `textId` names the text area for the browser tests; `fields` are extra controls (language, market)
 * that `check` reads itself.
 */
export function BrandCheckForm(props: {
  titleId: string;
  textId: string;
  texts: BrandCheckTexts;
  check: (text: string) => Promise<BrandFindings>;
  fields?: ReactNode;
  submit?: BrandCheckSubmit | undefined;
}) {
  const translator = useI18n();
  const { t } = translator;
  const { texts, submit } = props;
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [done, setDone] = useState(false);
  const [result, setResult] = useState<{ text: string; findings: BrandFindings }>();
  const run = async (action: (draft: string) => Promise<void>) => {
    const draft = text.trim();
    if (!draft) {
      setFailure(t('form.required'));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    setDone(false);
    try {
      await action(draft);
    } catch (error) {
      setFailure(errorText(translator, error));
    } finally {
      setBusy(false);
    }
  };
  const check = (event: FormEvent) => {
    event.preventDefault();
    void run(async (draft) => setResult({ text: draft, findings: await props.check(draft) }));
  };
  const send = (sending: BrandCheckSubmit) =>
    void run(async (draft) => {
      await sending.send(draft);
      setDone(true);
      setText('');
      setResult(undefined);
    });
  return (
    <section className="panel" aria-labelledby={props.titleId}>
      <h2 id={props.titleId}>{texts.title}</h2>
      <p className="muted">{texts.lead}</p>
      <form onSubmit={check} className="form-grid">
        <TextAreaField
          id={props.textId}
          className="wide"
          label={texts.draft}
          rows={4}
          maxLength={10000}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        {props.fields}
        <div className="form-actions">
          <button type="submit" className={submit ? 'button' : 'button primary'} disabled={busy}>
            {texts.check}
          </button>
          {submit ? (
            <button type="button" className="button primary" disabled={busy} onClick={() => send(submit)}>
              {submit.label}
            </button>
          ) : null}
        </div>
      </form>
      <FormOutcome failure={failure} />
      {done && submit ? <p role="status">{submit.done}</p> : null}
      {result ? (
        <div role="status">
          <BrandFindingsView text={result.text} findings={result.findings} label={texts.result} />
        </div>
      ) : null}
    </section>
  );
}
