import type { Campaign, Me } from '@ombud/contract';
import { useState } from 'react';
import { campaignsApi } from '../../api/campaigns.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { languageName } from '../../components/language-name.ts';
import { LoadState } from '../../components/load-state.tsx';
import { ScreenHeading } from '../../components/screen-heading.tsx';
import { formatterFor } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { BriefEditor } from './brief-editor.tsx';
import { CampaignFieldsForm } from './campaign-fields-form.tsx';
import { DeleteCampaignForm } from './delete-campaign-form.tsx';
import './campaigns.css';

/** Settings → campaigns: the list, and an editor for a campaign's fields and its brief. */
export function CampaignsSettingsScreen(props: { me: Me }) {
  const translator = useI18n();
  const { t, locale } = translator;
  const format = formatterFor(locale);
  const [campaigns, reloadCampaigns] = useLoad(() => campaignsApi.list(), 'campaigns');
  const [selected, setSelected] = useState<{ kind: 'new' } | { kind: 'campaign'; id: string } | null>(null);
  const [deleted, setDeleted] = useState<string>();
  const canEditCampaign = props.me.role === 'owner' || props.me.role === 'analyst';
  const canEditBrief = props.me.role === 'owner' || props.me.role === 'advocate_manager';
  const list = (values: readonly string[]) => (values.length ? values.join(', ') : t('common.none'));
  const campaign =
    campaigns.status === 'ready' && selected?.kind === 'campaign'
      ? campaigns.data.find((entry) => entry.id === selected.id)
      : undefined;

  return (
    <div className="screen campaigns-screen">
      <ScreenHeading title={t('nav.campaigns')} />
      <p className="lead">{t('campaignSettings.lead')}</p>
      {canEditCampaign && canEditBrief ? null : <p className="notice">{t('campaignSettings.readOnly')}</p>}
      {deleted ? (
        <p className="notice" role="status">
          {t('campaignSettings.deleted', { name: deleted })}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="campaigns-list-title">
        <div className="panel-head">
          <h2 id="campaigns-list-title">{t('campaignSettings.list')}</h2>
          {canEditCampaign ? (
            <button type="button" className="button quiet" onClick={() => setSelected({ kind: 'new' })}>
              {t('campaignSettings.new')}
            </button>
          ) : null}
        </div>
        <LoadState loaded={campaigns} empty={t('overview.noCampaigns')}>
          {(entries) => (
            <div className="table-wrap">
              <table className="data-table">
                <caption className="sr-only">{t('campaignSettings.list')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('campaign.name')}</th>
                    <th scope="col">{t('campaign.hashtags')}</th>
                    <th scope="col">{t('campaign.languages')}</th>
                    <th scope="col">{t('campaign.markets')}</th>
                    <th scope="col">{t('campaign.period')}</th>
                    <th scope="col">{t('campaign.brief')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('campaignSettings.edit', { name: '' })}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <tr key={entry.id} aria-current={campaign?.id === entry.id ? 'true' : undefined}>
                      <th scope="row">{entry.name}</th>
                      <td>{list(entry.hashtags)}</td>
                      <td>{list(entry.languages.map((code) => languageName(translator, code)))}</td>
                      <td>{list(entry.markets)}</td>
                      <td>
                        {entry.startsAt || entry.endsAt
                          ? t('campaign.range', {
                              from: entry.startsAt ? format.dateTime(entry.startsAt) : '…',
                              to: entry.endsAt ? format.dateTime(entry.endsAt) : '…',
                            })
                          : t('campaign.noPeriod')}
                      </td>
                      <td>
                        {t('campaign.briefCounts', {
                          messages: entry.keyMessages.length,
                          facts: entry.factSheet.length,
                          banned: entry.bannedClaims.length,
                        })}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="button quiet"
                          onClick={() => setSelected({ kind: 'campaign', id: entry.id })}
                        >
                          {t('campaignSettings.edit', { name: entry.name })}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </LoadState>
      </section>
      {selected?.kind === 'new' ? (
        <section className="panel" aria-labelledby="campaign-editor-title">
          <div className="panel-head">
            <h2 id="campaign-editor-title">{t('campaignSettings.creating')}</h2>
            <button type="button" className="button quiet" onClick={() => setSelected(null)}>
              {t('campaignSettings.close')}
            </button>
          </div>
          <CampaignFieldsForm
            campaign={null}
            canEdit={canEditCampaign}
            onSaved={(created) => {
              reloadCampaigns();
              setDeleted(undefined);
              setSelected({ kind: 'campaign', id: created.id });
            }}
          />
        </section>
      ) : campaign ? (
        <CampaignEditor
          key={campaign.id}
          campaign={campaign}
          canEditCampaign={canEditCampaign}
          canEditBrief={canEditBrief}
          canDelete={props.me.role === 'owner'}
          onChanged={reloadCampaigns}
          onDeleted={(name) => {
            setSelected(null);
            setDeleted(name);
            reloadCampaigns();
          }}
          onClose={() => setSelected(null)}
        />
      ) : null}
    </div>
  );
}

function CampaignEditor(props: {
  campaign: Campaign;
  canEditCampaign: boolean;
  canEditBrief: boolean;
  canDelete: boolean;
  onChanged: () => void;
  onDeleted: (name: string) => void;
  onClose: () => void;
}) {
  const translator = useI18n();
  const { t } = translator;
  const [brief] = useLoad(() => campaignsApi.brief(props.campaign.id), `brief:${props.campaign.id}`);
  const [defaults] = useLoad(() => campaignsApi.disclosureDefaults(), 'disclosure-defaults');
  return (
    <section className="panel" aria-labelledby="campaign-editor-title">
      <div className="panel-head">
        <h2 id="campaign-editor-title">{t('campaignSettings.editing', { name: props.campaign.name })}</h2>
        <button type="button" className="button quiet" onClick={props.onClose}>
          {t('campaignSettings.close')}
        </button>
      </div>
      <CampaignFieldsForm
        campaign={props.campaign}
        canEdit={props.canEditCampaign}
        onSaved={props.onChanged}
      />
      <LoadState loaded={brief}>
        {(briefData) => (
          <LoadState loaded={defaults}>
            {(defaultsData) => (
              <fieldset className="plain-fieldset" disabled={!props.canEditBrief}>
                <BriefEditor
                  campaign={props.campaign}
                  brief={briefData}
                  defaults={defaultsData}
                  canEdit={props.canEditBrief}
                  onSaved={props.onChanged}
                />
              </fieldset>
            )}
          </LoadState>
        )}
      </LoadState>
      {props.canDelete ? <DeleteCampaignForm campaign={props.campaign} onDeleted={props.onDeleted} /> : null}
    </section>
  );
}
