import { ScreenHeading } from '../components/screen-heading.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.en.ts';
import type { PendingScreenId } from '../routing/routes.ts';

const TEXT: Record<PendingScreenId, { title: MessageKey; purpose: MessageKey }> = {};

/** A screen whose capability the API does not offer yet: says so, shows no data. */
export function PendingScreen(props: { screen: PendingScreenId }) {
  const { t } = useI18n();
  const text: { title: MessageKey; purpose: MessageKey } = TEXT[props.screen];
  return (
    <div className="screen pending">
      <ScreenHeading title={t(text.title)} />
      <div className="notice" data-pending={props.screen}>
        <p className="notice-title">{t('pending.notLanded')}</p>
        <p>{t(text.purpose)}</p>
      </div>
    </div>
  );
}
