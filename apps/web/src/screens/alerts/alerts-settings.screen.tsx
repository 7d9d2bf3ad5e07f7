import type { AlertChannelInput, AlertRouteInput, Me } from '@ombud/contract';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/api-client.ts';
import { alertsApi, type AlertChannel, type AlertTestPing } from '../../api/alerts.api.ts';
import { useLoad } from '../../api/use-load.ts';
import { ErrorAlert, Loading, LoadState } from '../../components/load-state.tsx';
import { ScreenHeading } from '../../components/screen-heading.tsx';
import { SelectField } from '../../components/form-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { formatterFor } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import './alerts.css';

type Kind = AlertChannel['kind'];
type Severity = 'watch' | 'warning' | 'critical';
const KINDS: readonly Kind[] = ['webhook', 'slack', 'email'];
const SEVERITIES: readonly Severity[] = ['watch', 'warning', 'critical'];
const LANGUAGES = ['en', 'es', 'sv'] as const;
const TLS = ['starttls', 'implicit', 'opportunistic', 'none'] as const;

/** Settings → alert channels: where alerts go, when, in which language; routing, dead letters, in-app alerts. */
export function AlertsSettingsScreen() {
  const { t } = useI18n();
  const [me] = useLoad(() => api.me(), 'me');
  const role: Me['role'] | undefined = me.status === 'ready' ? me.data.role : undefined;
  const inspect = role === 'owner' || role === 'analyst';
  const [generation, setGeneration] = useState(0);
  const changed = () => setGeneration((value) => value + 1);
  return (
    <div className="screen alerts-screen">
      <ScreenHeading title={t('nav.alertChannels')} />
      <p className="lead">{t('alertChannels.lead')}</p>
      {role === undefined ? <Loading /> : null}
      {inspect ? (
        <>
          <ChannelsPanel manage={role === 'owner'} onChanged={changed} />
          <RoutesPanel key={`routes:${generation}`} manage={role === 'owner'} />
          <DeadLettersPanel manage={role === 'owner'} />
        </>
      ) : role !== undefined ? (
        <p className="notice">{t('alertChannels.ownersOnly')}</p>
      ) : null}
      {role !== undefined ? (
        <InAppAlerts canAcknowledge={role === 'owner' || role === 'analyst' || role === 'agent'} />
      ) : null}
    </div>
  );
}

interface ChannelForm {
  kind: Kind;
  name: string;
  language: (typeof LANGUAGES)[number];
  timeZone: string;
  quietStart: string;
  quietEnd: string;
  url: string;
  secret: string;
  to: string;
  from: string;
  host: string;
  port: string;
  tls: (typeof TLS)[number];
  username: string;
  password: string;
}

const EMPTY_FORM: ChannelForm = {
  kind: 'webhook',
  name: '',
  language: 'en',
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  quietStart: '',
  quietEnd: '',
  url: '',
  secret: '',
  to: '',
  from: '',
  host: '',
  port: '587',
  tls: 'starttls',
  username: '',
  password: '',
};

function text(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;
}

function formOf(channel: AlertChannel): ChannelForm {
  const config = channel.config;
  const smtp = (typeof config.smtp === 'object' && config.smtp !== null ? config.smtp : {}) as Record<
    string,
    unknown
  >;
  const tls = TLS.find((mode) => mode === smtp.tls) ?? 'starttls';
  return {
    ...EMPTY_FORM,
    kind: channel.kind,
    name: channel.name,
    language: channel.language,
    timeZone: channel.timeZone,
    quietStart: channel.quietHours?.start ?? '',
    quietEnd: channel.quietHours?.end ?? '',
    // Slack URLs come back shortened: they must be entered again to save.
    url: channel.kind === 'webhook' ? text(config.url) : '',
    to: Array.isArray(config.to)
      ? config.to.filter((v): v is string => typeof v === 'string').join(', ')
      : '',
    from: text(config.from),
    host: text(smtp.host),
    port: text(smtp.port, '587'),
    tls,
    username: text(smtp.username),
  };
}

function inputOf(form: ChannelForm): AlertChannelInput {
  const common = {
    name: form.name.trim(),
    language: form.language,
    timeZone: form.timeZone.trim() || 'UTC',
    quietHours: form.quietStart && form.quietEnd ? { start: form.quietStart, end: form.quietEnd } : null,
    enabled: true,
    maxAttempts: 6,
    backoffSeconds: 30,
  };
  if (form.kind === 'slack') return { ...common, kind: 'slack', config: { url: form.url.trim() } };
  if (form.kind === 'email')
    return {
      ...common,
      kind: 'email',
      config: {
        to: form.to
          .split(/[\s,;]+/)
          .map((v) => v.trim())
          .filter(Boolean),
        from: form.from.trim(),
        smtp: {
          host: form.host.trim(),
          port: Number(form.port) || 587,
          tls: form.tls,
          ...(form.username.trim() ? { username: form.username.trim() } : {}),
          ...(form.password ? { password: form.password } : {}),
        },
      },
    };
  return {
    ...common,
    kind: 'webhook',
    config: { url: form.url.trim(), ...(form.secret ? { secret: form.secret } : {}) },
  };
}

function ChannelsPanel(props: { manage: boolean; onChanged: () => void }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const [channels, reload] = useLoad((signal) => alertsApi.channels(signal), 'channels');
  const [editing, setEditing] = useState<string>(); // a channel id, or 'new'
  const [form, setForm] = useState<ChannelForm>(EMPTY_FORM);
  const [failure, setFailure] = useState<unknown>();
  const [secret, setSecret] = useState<{ name: string; secret: string }>();
  const [pings, setPings] = useState<Record<string, AlertTestPing | { failed: unknown }>>({});
  const set = (patch: Partial<ChannelForm>) => setForm({ ...form, ...patch });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    try {
      const body = inputOf(form);
      const saved =
        editing === 'new' || editing === undefined
          ? await alertsApi.createChannel(body)
          : await alertsApi.replaceChannel(editing, body);
      if (saved.secret) setSecret({ name: saved.name, secret: saved.secret });
      setEditing(undefined);
      setForm(EMPTY_FORM);
      reload();
      props.onChanged();
    } catch (error) {
      setFailure(error);
    }
  };
  const test = async (channel: AlertChannel) => {
    try {
      const ping = await alertsApi.testChannel(channel.id);
      setPings((previous) => ({ ...previous, [channel.id]: ping }));
    } catch (error) {
      setPings((previous) => ({ ...previous, [channel.id]: { failed: error } }));
    }
    reload();
  };
  const remove = async (channel: AlertChannel) => {
    try {
      await alertsApi.deleteChannel(channel.id);
      reload();
      props.onChanged();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section className="panel" aria-labelledby="channels-title">
      <h2 id="channels-title">{t('alertChannels.channels')}</h2>
      <LoadState loaded={channels} empty={t('alertChannels.noChannels')}>
        {(list) => (
          <ul className="channel-list">
            {list.map((channel) => {
              const ping = pings[channel.id];
              return (
                <li key={channel.id} className="channel-item">
                  <div>
                    <strong>{channel.name}</strong>{' '}
                    <span className="badge">{t(`alertChannels.kind.${channel.kind}`)}</span>{' '}
                    {channel.enabled ? null : <span className="badge">{t('alertChannels.disabled')}</span>}
                  </div>
                  <div className="muted">
                    {t('alertChannels.channelLine', {
                      language: format.language(channel.language) ?? channel.language,
                      zone: channel.timeZone,
                      quiet: channel.quietHours
                        ? t('alertChannels.quietRange', {
                            start: channel.quietHours.start,
                            end: channel.quietHours.end,
                          })
                        : t('alertChannels.noQuiet'),
                    })}
                  </div>
                  <div className="muted">
                    {channel.lastTestOkAt
                      ? t('alertChannels.lastOk', { at: format.dateTime(channel.lastTestOkAt) })
                      : t('alertChannels.neverOk')}
                    {channel.lastTestError
                      ? ` — ${t('alertChannels.lastError', { error: channel.lastTestError })}`
                      : ''}
                  </div>
                  {ping ? (
                    'failed' in ping ? (
                      <ErrorAlert error={ping.failed} />
                    ) : (
                      <p className={ping.ok ? 'form-success' : 'form-error'} role="status">
                        {ping.ok
                          ? t('alertChannels.pingOk', { ms: ping.durationMs, status: ping.statusCode ?? '—' })
                          : t('alertChannels.pingFailed', {
                              error: ping.error ?? String(ping.statusCode ?? ''),
                            })}
                      </p>
                    )
                  ) : null}
                  {props.manage ? (
                    <div className="row-actions">
                      <button type="button" className="button quiet" onClick={() => void test(channel)}>
                        {t('alertChannels.test')}
                      </button>
                      <button
                        type="button"
                        className="button quiet"
                        onClick={() => {
                          setEditing(channel.id);
                          setForm(formOf(channel));
                        }}
                      >
                        {t('alertChannels.edit')}
                      </button>
                      <button type="button" className="button quiet" onClick={() => void remove(channel)}>
                        {t('alertChannels.remove')}
                      </button>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </LoadState>
      {secret ? (
        <div className="key-reveal" role="status">
          <p>{t('alertChannels.secretShownOnce', { name: secret.name })}</p>
          <code className="secret">{secret.secret}</code>
        </div>
      ) : null}
      {props.manage && editing === undefined ? (
        <button
          type="button"
          className="button primary"
          onClick={() => {
            setEditing('new');
            setForm(EMPTY_FORM);
          }}
        >
          {t('alertChannels.addChannel')}
        </button>
      ) : null}
      {props.manage && editing !== undefined ? (
        <form
          className="form-grid"
          onSubmit={(event) => void save(event)}
          aria-labelledby="channel-form-title"
        >
          <h3 id="channel-form-title" className="wide">
            {editing === 'new' ? t('alertChannels.addChannel') : t('alertChannels.editChannel')}
          </h3>
          <SelectField
            label={t('alertChannels.kind')}
            value={form.kind}
            disabled={editing !== 'new'}
            options={KINDS.map((kind) => ({ value: kind, label: t(`alertChannels.kind.${kind}`) }))}
            onValue={(kind) => set({ kind })}
          />
          <TextField
            label={t('alertChannels.name')}
            value={form.name}
            maxLength={120}
            onChange={(e) => set({ name: e.target.value })}
          />
          <SelectField
            label={t('alertChannels.language')}
            value={form.language}
            options={LANGUAGES.map((code) => ({ value: code, label: format.language(code) ?? code }))}
            onValue={(language) => set({ language })}
          />
          <TextField
            label={t('alertChannels.timeZone')}
            hint={t('alertChannels.timeZoneHint')}
            value={form.timeZone}
            onChange={(e) => set({ timeZone: e.target.value })}
          />
          <TextField
            label={t('alertChannels.quietStart')}
            hint={t('alertChannels.quietHint')}
            type="time"
            value={form.quietStart}
            onChange={(e) => set({ quietStart: e.target.value })}
          />
          <TextField
            label={t('alertChannels.quietEnd')}
            type="time"
            value={form.quietEnd}
            onChange={(e) => set({ quietEnd: e.target.value })}
          />
          {form.kind === 'email' ? (
            <>
              <TextField
                label={t('alertChannels.to')}
                hint={t('alertChannels.toHint')}
                value={form.to}
                onChange={(e) => set({ to: e.target.value })}
              />
              <TextField
                label={t('alertChannels.from')}
                type="email"
                value={form.from}
                onChange={(e) => set({ from: e.target.value })}
              />
              <TextField
                label={t('alertChannels.smtpHost')}
                value={form.host}
                onChange={(e) => set({ host: e.target.value })}
              />
              <TextField
                label={t('alertChannels.smtpPort')}
                inputMode="numeric"
                value={form.port}
                onChange={(e) => set({ port: e.target.value })}
              />
              <SelectField
                label={t('alertChannels.tls')}
                value={form.tls}
                options={TLS.map((mode) => ({ value: mode, label: t(`alertChannels.tls.${mode}`) }))}
                onValue={(tls) => set({ tls })}
              />
              <TextField
                label={t('alertChannels.username')}
                value={form.username}
                onChange={(e) => set({ username: e.target.value })}
              />
              <TextField
                label={t('alertChannels.password')}
                hint={editing === 'new' ? undefined : t('alertChannels.keptWhenEmpty')}
                type="password"
                autoComplete="new-password"
                value={form.password}
                onChange={(e) => set({ password: e.target.value })}
              />
            </>
          ) : (
            <TextField
              label={form.kind === 'slack' ? t('alertChannels.slackUrl') : t('alertChannels.webhookUrl')}
              hint={form.kind === 'slack' && editing !== 'new' ? t('alertChannels.slackUrlAgain') : undefined}
              type="url"
              value={form.url}
              onChange={(e) => set({ url: e.target.value })}
            />
          )}
          {form.kind === 'webhook' ? (
            <TextField
              label={t('alertChannels.secret')}
              hint={editing === 'new' ? t('alertChannels.secretHint') : t('alertChannels.keptWhenEmpty')}
              type="password"
              autoComplete="new-password"
              value={form.secret}
              onChange={(e) => set({ secret: e.target.value })}
            />
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button primary">
              {t('alertChannels.save')}
            </button>
            <button
              type="button"
              className="button quiet"
              onClick={() => {
                setEditing(undefined);
                setFailure(undefined);
              }}
            >
              {t('alertChannels.cancel')}
            </button>
          </div>
          {failure ? (
            <div className="wide">
              <ErrorAlert error={failure} />
            </div>
          ) : null}
        </form>
      ) : null}
    </section>
  );
}

function RoutesPanel(props: { manage: boolean }) {
  const translator = useI18n();
  const { t } = translator;
  const [data, reload] = useLoad(async (signal) => {
    const [routes, channels, campaigns] = await Promise.all([
      alertsApi.routes(signal),
      alertsApi.channels(signal),
      api.campaigns(),
    ]);
    return { routes, channels, campaigns };
  }, 'routes');
  const [channelId, setChannelId] = useState('');
  const [campaignId, setCampaignId] = useState('');
  const [minSeverity, setMinSeverity] = useState<Severity>('warning');
  const [kinds, setKinds] = useState('');
  const [escalationId, setEscalationId] = useState('');
  const [minutes, setMinutes] = useState('');
  const [failure, setFailure] = useState<unknown>();
  if (data.status === 'failed') return <ErrorAlert error={data.error} />;
  if (data.status === 'loading') return <Loading />;
  const { routes, channels, campaigns } = data.data;
  const channelName = (id: string | null) => channels.find((c) => c.id === id)?.name ?? '—';
  const campaignName = (id: string | null) =>
    id === null ? t('alertChannels.allCampaigns') : (campaigns.find((c) => c.id === id)?.name ?? id);
  const add = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const target = channelId || channels[0]?.id;
    if (!target) return;
    const body: AlertRouteInput = {
      campaignId: campaignId || null,
      minSeverity,
      kinds: kinds
        .split(/[\s,]+/)
        .map((k) => k.trim())
        .filter(Boolean),
      channelId: target,
      escalationChannelId: escalationId && minutes ? escalationId : null,
      escalateAfterMinutes: escalationId && minutes ? Number(minutes) : null,
    };
    try {
      await alertsApi.createRoute(body);
      setKinds('');
      reload();
    } catch (error) {
      setFailure(error);
    }
  };
  const remove = async (id: string) => {
    try {
      await alertsApi.deleteRoute(id);
      reload();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section className="panel" aria-labelledby="routes-title">
      <h2 id="routes-title">{t('alertChannels.routes')}</h2>
      {routes.length === 0 ? (
        <p className="empty">{t('alertChannels.noRoutes')}</p>
      ) : (
        <ul className="route-list">
          {routes.map((route) => (
            <li key={route.id}>
              {t('alertChannels.routeLine', {
                campaign: campaignName(route.campaignId),
                severity: t(`alertChannels.severity.${route.minSeverity}`),
                kinds: route.kinds.length > 0 ? route.kinds.join(', ') : t('alertChannels.allKinds'),
                channel: channelName(route.channelId),
              })}
              {route.escalationChannelId && route.escalateAfterMinutes
                ? ` ${t('alertChannels.escalationLine', {
                    channel: channelName(route.escalationChannelId),
                    minutes: route.escalateAfterMinutes,
                  })}`
                : ''}{' '}
              {props.manage ? (
                <button type="button" className="button quiet" onClick={() => void remove(route.id)}>
                  {t('alertChannels.remove')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {props.manage && channels.length > 0 ? (
        <form className="form-grid" onSubmit={(event) => void add(event)} aria-labelledby="route-form-title">
          <h3 id="route-form-title" className="wide">
            {t('alertChannels.addRoute')}
          </h3>
          <SelectField
            label={t('alertChannels.campaign')}
            value={campaignId}
            options={[
              { value: '', label: t('alertChannels.allCampaigns') },
              ...campaigns.map((campaign) => ({ value: campaign.id, label: campaign.name })),
            ]}
            onValue={setCampaignId}
          />
          <SelectField
            label={t('alertChannels.minSeverity')}
            value={minSeverity}
            options={SEVERITIES.map((severity) => ({
              value: severity,
              label: t(`alertChannels.severity.${severity}`),
            }))}
            onValue={setMinSeverity}
          />
          <TextField
            label={t('alertChannels.kinds')}
            hint={t('alertChannels.kindsHint')}
            value={kinds}
            onChange={(e) => setKinds(e.target.value)}
          />
          <SelectField
            label={t('alertChannels.channel')}
            value={channelId || (channels[0]?.id ?? '')}
            options={channels.map((channel) => ({ value: channel.id, label: channel.name }))}
            onValue={setChannelId}
          />
          <SelectField
            label={t('alertChannels.escalateTo')}
            value={escalationId}
            options={[
              { value: '', label: t('alertChannels.noEscalation') },
              ...channels.map((channel) => ({ value: channel.id, label: channel.name })),
            ]}
            onValue={setEscalationId}
          />
          <TextField
            label={t('alertChannels.escalateAfter')}
            inputMode="numeric"
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
          />
          <div className="form-actions">
            <button type="submit" className="button primary">
              {t('alertChannels.addRouteButton')}
            </button>
          </div>
        </form>
      ) : null}
      {failure ? <ErrorAlert error={failure} /> : null}
    </section>
  );
}

function DeadLettersPanel(props: { manage: boolean }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const [dead, reload] = useLoad((signal) => alertsApi.deadLetters(signal), 'dead');
  const [queued, setQueued] = useState<number>();
  const [failure, setFailure] = useState<unknown>();
  const replay = async (action: () => Promise<{ queued: number }>) => {
    setFailure(undefined);
    try {
      setQueued((await action()).queued);
      reload();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section className="panel" aria-labelledby="dead-title">
      <h2 id="dead-title">{t('alertChannels.deadLetters')}</h2>
      <LoadState
        loaded={dead}
        empty={t('alertChannels.noDeadLetters')}
        isEmpty={(data) => data.deliveries.length === 0}
      >
        {({ deliveries }) => (
          <>
            <ul className="route-list">
              {deliveries.map((delivery) => (
                <li key={delivery.id}>
                  <strong>{delivery.alertTitle}</strong>{' '}
                  {t('alertChannels.deadLine', {
                    channel: delivery.channelName,
                    attempts: delivery.attempts,
                    at: delivery.deadAt ? format.dateTime(delivery.deadAt) : '—',
                    error: delivery.lastError ?? '—',
                  })}{' '}
                  {props.manage ? (
                    <button
                      type="button"
                      className="button quiet"
                      onClick={() => void replay(() => alertsApi.replay(delivery.id))}
                    >
                      {t('alertChannels.replay')}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
            {props.manage ? (
              <button
                type="button"
                className="button"
                onClick={() => void replay(() => alertsApi.replayAll())}
              >
                {t('alertChannels.replayAll')}
              </button>
            ) : null}
          </>
        )}
      </LoadState>
      {queued !== undefined ? (
        <p className="form-success" role="status">
          {t('alertChannels.queued', { count: queued })}
        </p>
      ) : null}
      {failure ? <ErrorAlert error={failure} /> : null}
    </section>
  );
}

function InAppAlerts(props: { canAcknowledge: boolean }) {
  const translator = useI18n();
  const { t } = translator;
  const format = formatterFor(translator.locale);
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [alerts, reload] = useLoad((signal) => alertsApi.alerts(status, signal), `alerts:${status}`);
  const [failure, setFailure] = useState<unknown>();
  const acknowledge = async (id: string) => {
    setFailure(undefined);
    try {
      await alertsApi.acknowledge(id);
      reload();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section className="panel" aria-labelledby="inapp-title">
      <h2 id="inapp-title">{t('alertChannels.inApp')}</h2>
      <SelectField
        label={t('alertChannels.show')}
        value={status}
        options={[
          { value: 'open' as const, label: t('alertChannels.showOpen') },
          { value: 'all' as const, label: t('alertChannels.showAll') },
        ]}
        onValue={setStatus}
      />
      <LoadState
        loaded={alerts}
        empty={t('alertChannels.noAlerts')}
        isEmpty={(data) => data.alerts.length === 0}
      >
        {(data) => (
          <ul className="route-list">
            {data.alerts.map((alert) => {
              const texts = alert.texts?.[translator.locale];
              return (
                <li key={alert.id} className={alert.read ? undefined : 'alert-unread'}>
                  <span className={`badge severity-${alert.severity}`}>
                    {t(`alertChannels.severity.${alert.severity}`)}
                  </span>{' '}
                  <strong>{texts?.title ?? alert.title}</strong>{' '}
                  <span className="muted">{format.dateTime(alert.createdAt)}</span>
                  <p>{texts?.summary ?? alert.summary}</p>
                  {alert.acknowledgedAt ? (
                    <span className="muted">
                      {t('alertChannels.acknowledgedAt', { at: format.dateTime(alert.acknowledgedAt) })}
                    </span>
                  ) : props.canAcknowledge ? (
                    <button type="button" className="button quiet" onClick={() => void acknowledge(alert.id)}>
                      {t('alertChannels.acknowledge')}
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </LoadState>
      {failure ? <ErrorAlert error={failure} /> : null}
    </section>
  );
}
