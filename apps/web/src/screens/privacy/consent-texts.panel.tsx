import type { ConsentPurpose, ConsentText } from '@ombud/contract';
import { useState, type FormEvent } from 'react';
import { privacyApi } from '../../api/privacy.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { errorText } from '../../components/error-text.ts';
import { TextAreaField } from '../../components/form-field.tsx';
import { languageName } from '../../components/language-name.ts';
import { Loading } from '../../components/load-state.tsx';
import { formatterFor } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';

const PURPOSES: readonly ConsentPurpose[] = ['marketing_reuse', 'contact', 'advocate_programme'];
/** The product's first-class languages always get a row; any other language with a text is shown too. */
const BASE_LANGUAGES = ['en', 'es', 'sv'];

/** The wording used to ask a person for consent, per purpose and language (readiness checks it). */
export function ConsentTextsPanel() {
  const { t } = useI18n();
  const [texts, reload] = useLoad((signal) => privacyApi.consentTexts(signal), 'consent-texts');
  const [purpose, setPurpose] = useState<ConsentPurpose>('marketing_reuse');
  if (texts.status === 'failed') return null;
  const stored = texts.status === 'ready' ? texts.data : [];
  const languages = [
    ...new Set([
      ...BASE_LANGUAGES,
      ...stored.filter((text) => text.purpose === purpose).map((x) => x.language),
    ]),
  ];
  return (
    <section className="panel" aria-labelledby="consent-texts-title">
      <h2 id="consent-texts-title">{t('privacy.consentTexts')}</h2>
      <p className="hint">{t('privacy.consentTextsHint')}</p>
      <div className="row-actions" role="group" aria-label={t('privacy.purpose')}>
        {PURPOSES.map((value) => (
          <button
            key={value}
            type="button"
            className={value === purpose ? 'button' : 'button quiet'}
            aria-pressed={value === purpose}
            onClick={() => setPurpose(value)}
          >
            {t(`privacy.purpose.${value}`)}
          </button>
        ))}
      </div>
      {texts.status === 'loading' ? (
        <Loading />
      ) : (
        languages.map((language) => (
          <ConsentTextForm
            key={`${purpose}/${language}`}
            purpose={purpose}
            language={language}
            current={stored.find((text) => text.purpose === purpose && text.language === language)}
            onSaved={reload}
          />
        ))
      )}
    </section>
  );
}

function ConsentTextForm(props: {
  purpose: ConsentPurpose;
  language: string;
  current: ConsentText | undefined;
  onSaved: () => void;
}) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const [text, setText] = useState(props.current?.text ?? '');
  const [failure, setFailure] = useState<string>();
  const [saved, setSaved] = useState(false);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setFailure(undefined);
    if (!text.trim()) {
      setFailure(t('privacy.consentTextEmpty'));
      return;
    }
    try {
      await privacyApi.saveConsentText(props.purpose, props.language, text);
      setSaved(true);
      props.onSaved();
    } catch (error) {
      setFailure(errorText(translator, error));
    }
  };
  const name = languageName(translator, props.language);
  return (
    <form className="consent-text" onSubmit={(event) => void save(event)}>
      <TextAreaField
        label={name}
        value={text}
        maxLength={4000}
        onChange={(event) => setText(event.target.value)}
        hint={
          props.current
            ? t('privacy.consentTextVersion', {
                version: format.number(props.current.version),
                at: format.dateTime(props.current.updatedAt),
              })
            : t('privacy.consentTextMissing')
        }
        error={failure}
      />
      <button type="submit" className="button">
        {t('privacy.saveConsentText', { language: name })}
      </button>
      {saved ? (
        <span role="status" className="saved">
          {t('privacy.saved')}
        </span>
      ) : null}
    </form>
  );
}
