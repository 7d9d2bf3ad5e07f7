import { api } from '../api/api-client.ts';
import { useLoad } from '../api/use-load.ts';
import { errorText } from '../components/error-text.ts';
import { languageName } from '../components/language-name.ts';
import { ScreenHeading } from '../components/screen-heading.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatterFor } from '../i18n/format.ts';

export function CampaignsSettingsScreen() {
  const translator = useI18n();
  const { t, locale } = translator;
  const format = formatterFor(locale);
  const [campaigns] = useLoad(() => api.campaigns(), 'campaigns');
  const list = (values: readonly string[]) => (values.length ? values.join(', ') : t('common.none'));
  return (
    <div className="screen">
      <ScreenHeading title={t('nav.campaigns')} />
      <p className="lead">{t('campaigns.lead')}</p>
      {campaigns.status === 'loading' ? (
        <p className="muted" role="status">
          {t('common.loading')}
        </p>
      ) : campaigns.status === 'failed' ? (
        <p className="form-error" role="alert">
          {errorText(translator, campaigns.error)}
        </p>
      ) : campaigns.data.length === 0 ? (
        <p className="empty">{t('overview.noCampaigns')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="sr-only">{t('nav.campaigns')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('campaign.name')}</th>
                <th scope="col">{t('campaign.hashtags')}</th>
                <th scope="col">{t('campaign.keywords')}</th>
                <th scope="col">{t('campaign.languages')}</th>
                <th scope="col">{t('campaign.markets')}</th>
                <th scope="col">{t('campaign.period')}</th>
                <th scope="col">{t('campaign.brief')}</th>
              </tr>
            </thead>
            <tbody>
              {campaigns.data.map((campaign) => (
                <tr key={campaign.id}>
                  <th scope="row">{campaign.name}</th>
                  <td>{list(campaign.hashtags)}</td>
                  <td>{list(campaign.keywords)}</td>
                  <td>{list(campaign.languages.map((code) => languageName(translator, code)))}</td>
                  <td>{list(campaign.markets)}</td>
                  <td>
                    {campaign.startsAt || campaign.endsAt
                      ? t('campaign.range', {
                          from: campaign.startsAt ? format.dateTime(campaign.startsAt) : '…',
                          to: campaign.endsAt ? format.dateTime(campaign.endsAt) : '…',
                        })
                      : t('campaign.noPeriod')}
                  </td>
                  <td>
                    {t('campaign.briefCounts', {
                      messages: campaign.keyMessages.length,
                      facts: campaign.factSheet.length,
                      banned: campaign.bannedClaims.length,
                    })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="pending-note">{t('campaigns.editingPending')}</p>
    </div>
  );
}
