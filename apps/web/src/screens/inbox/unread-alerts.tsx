import { useUnreadAlerts } from '../../api/live-events.ts';
import { useI18n } from '../../i18n/i18n.tsx';

/** The header's unread-alerts counter, kept live by the event stream. */
export function UnreadAlertsBadge() {
  const { tn } = useI18n();
  const unread = useUnreadAlerts();
  return (
    <span className="live-alerts" role="status" aria-live="polite" data-unread={unread ?? ''}>
      {unread === undefined ? null : (
        <span className={unread > 0 ? 'live-alerts-count has-unread' : 'live-alerts-count'}>
          {tn('inbox.live.unreadAlerts', unread)}
        </span>
      )}
    </span>
  );
}
