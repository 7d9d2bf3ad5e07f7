import type { InboxItem, InboxPriorityLevel, Me } from '@ombud/contract';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../../api/api-client.ts';
import { inboxApi, type InboxItemsQuery } from '../../api/inbox.api.ts';
import { useLiveEvents } from '../../api/live-events.ts';
import { useLoad } from '../../api/use-load.ts';
import { ErrorAlert } from '../../components/load-state.tsx';
import { languageName } from '../../components/language-name.ts';
import { ScreenHeading } from '../../components/screen-heading.tsx';
import { VirtualList } from '../../components/virtual-list.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatterFor } from '../../i18n/format.ts';
import { ItemDetail, type DetailHandle } from './inbox-item-detail.tsx';
import { ClusterView } from './inbox-clusters.tsx';
import './inbox.css';

const ROW_HEIGHT = 68;
const PAGE = 200;
const PREFETCH_ROWS = 150;
const LANGUAGES = ['en', 'es', 'sv'];
const LEVELS: readonly InboxPriorityLevel[] = ['urgent', 'high', 'normal', 'low'];
export const WORK_ROLES = ['owner', 'analyst', 'agent'];

type Scope = 'all' | 'mine' | 'unassigned';
interface Filters {
  scope: Scope;
  language: string;
  priority: '' | InboxPriorityLevel;
  status: 'open' | 'held' | 'resolved';
  atRisk: boolean;
}

interface Feed {
  items: InboxItem[];
  more: boolean;
  loading: boolean;
  error: unknown;
}

/** Items of the SLA-at-risk list that match the other filters (that list has its own endpoint). */
function matches(item: InboxItem, filters: Filters, me: Me | undefined): boolean {
  if (filters.language && item.language !== filters.language) return false;
  if (filters.priority && item.priority.level !== filters.priority) return false;
  if (filters.scope === 'mine' && item.assigneeId !== me?.id) return false;
  if (filters.scope === 'unassigned' && item.assigneeId !== null) return false;
  return true;
}

/** The inbox: a keyboard-driven queue of posts that need a person, clusters, and the reply composer. */
export function InboxScreen() {
  const translator = useI18n();
  const { t, tn, locale } = translator;
  const format = formatterFor(locale);
  const [meState] = useLoad(() => api.me(), 'me');
  const me = meState.status === 'ready' ? meState.data : undefined;
  const canWork = me !== undefined && WORK_ROLES.includes(me.role);
  const [view, setView] = useState<'items' | 'clusters'>('items');
  const [filters, setFilters] = useState<Filters>({
    scope: 'all',
    language: '',
    priority: '',
    status: 'open',
    atRisk: false,
  });
  const [feed, setFeed] = useState<Feed>({ items: [], more: false, loading: true, error: undefined });
  const [active, setActive] = useState(0);
  const [liveNotice, setLiveNotice] = useState('');
  const [notice, setNotice] = useState('');
  const [detailVersion, setDetailVersion] = useState(0);
  const loading = useRef(false);
  const generation = useRef(0);
  const detail = useRef<DetailHandle>(null);
  const selectedId = useRef<string | undefined>(undefined);
  const ids = { scope: useId(), language: useId(), priority: useId(), status: useId(), atRisk: useId() };

  const fetchPage = useCallback(
    async (offset: number, keepSelection: boolean) => {
      const run = generation.current;
      loading.current = true;
      setFeed((previous) => ({ ...previous, loading: true, error: undefined }));
      try {
        let page: InboxItem[];
        let more: boolean;
        if (filters.atRisk) {
          page = (await inboxApi.atRisk(PAGE)).filter((item) => matches(item, filters, me));
          more = false;
        } else {
          const query: InboxItemsQuery = {
            status: filters.status,
            assignee: filters.scope === 'all' ? undefined : filters.scope === 'mine' ? 'me' : 'none',
            language: filters.language || undefined,
            priority: filters.priority || undefined,
            limit: PAGE,
            offset,
          };
          page = await inboxApi.items(query);
          more = page.length === PAGE;
        }
        if (run !== generation.current) return;
        setFeed((previous) => {
          const items = offset === 0 ? page : previous.items.concat(page);
          if (offset === 0 && keepSelection && selectedId.current !== undefined) {
            const index = items.findIndex((item) => item.id === selectedId.current);
            if (index >= 0) setActive(index);
          }
          return { items, more, loading: false, error: undefined };
        });
      } catch (error) {
        if (run !== generation.current) return;
        setFeed((previous) => ({ ...previous, loading: false, error }));
      } finally {
        if (run === generation.current) loading.current = false;
      }
    },
    [filters, me],
  );

  useEffect(() => {
    if (meState.status === 'loading') return;
    generation.current += 1;
    loading.current = false;
    setActive(0);
    setFeed({ items: [], more: false, loading: true, error: undefined });
    void fetchPage(0, false);
  }, [fetchPage, meState.status]);

  const reloadFirstPage = useCallback(() => {
    generation.current += 1;
    loading.current = false;
    void fetchPage(0, true);
    setDetailVersion((value) => value + 1);
  }, [fetchPage]);

  const [waiting, setWaiting] = useState(0);
  useLiveEvents({
    inbox: (event) => {
      // Someone deep in a long list keeps their place: new items wait behind a button.
      if (feed.items.length > PAGE) {
        if (event.newItemIds.length > 0) setWaiting((count) => count + event.newItemIds.length);
        return;
      }
      if (event.newItemIds.length > 0) setLiveNotice(tn('inbox.live.newItems', event.newItemIds.length));
      reloadFirstPage();
    },
  });
  const showWaiting = () => {
    setLiveNotice(tn('inbox.live.newItems', waiting));
    setWaiting(0);
    generation.current += 1;
    setActive(0);
    setFeed({ items: [], more: false, loading: true, error: undefined });
    void fetchPage(0, false);
  };

  const onRangeChange = useCallback(
    (end: number) => {
      if (loading.current || !feed.more || feed.error) return;
      if (end + PREFETCH_ROWS >= feed.items.length) void fetchPage(feed.items.length, false);
    },
    [feed.more, feed.items.length, feed.error, fetchPage],
  );

  const selected = feed.items[active];
  selectedId.current = selected?.id;

  const move = (delta: number) => {
    if (feed.items.length === 0) return;
    const next = Math.min(feed.items.length - 1, Math.max(0, active + delta));
    setActive(next);
    // The next row is always within the list's overscan, so it exists to be scrolled into view.
    requestAnimationFrame(() =>
      document.getElementById(`inbox-item-${next}`)?.scrollIntoView({ block: 'nearest' }),
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (view !== 'items' || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select, button, a, [contenteditable="true"]')) return;
    const actions: Record<string, () => void> = {
      j: () => move(1),
      k: () => move(-1),
      Enter: () => detail.current?.open(),
      r: () => detail.current?.reply(),
      a: () => detail.current?.claim(),
      e: () => detail.current?.resolve(),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const changed = () => reloadFirstPage();

  return (
    <div className="screen inbox" onKeyDown={onKeyDown} data-ready={feed.loading ? undefined : ''}>
      <ScreenHeading title={t('inbox.title')}>
        <p className="inbox-live" role="status" aria-live="polite">
          {liveNotice}
        </p>
        {waiting > 0 ? (
          <button type="button" className="button" onClick={showWaiting}>
            {tn('inbox.live.showNew', waiting)}
          </button>
        ) : null}
      </ScreenHeading>
      <p className="inbox-shortcuts" id="inbox-shortcuts">
        <span>{t('inbox.shortcuts.title')}</span> <kbd>j</kbd>/<kbd>k</kbd> {t('inbox.shortcuts.move')} ·{' '}
        <kbd>Enter</kbd> {t('inbox.shortcuts.open')} · <kbd>r</kbd> {t('inbox.shortcuts.reply')} ·{' '}
        <kbd>a</kbd> {t('inbox.shortcuts.claim')} · <kbd>e</kbd> {t('inbox.shortcuts.resolve')}
      </p>
      <div className="inbox-views" role="group" aria-label={t('inbox.view.label')}>
        <button
          type="button"
          className="button quiet"
          aria-pressed={view === 'items'}
          onClick={() => setView('items')}
        >
          {t('inbox.view.items')}
        </button>
        <button
          type="button"
          className="button quiet"
          aria-pressed={view === 'clusters'}
          onClick={() => setView('clusters')}
        >
          {t('inbox.view.clusters')}
        </button>
      </div>

      {view === 'clusters' ? (
        <ClusterView canWork={canWork} me={me} />
      ) : (
        <>
          <div className="filter-bar" role="group" aria-label={t('inbox.filters')}>
            <div className="field inline">
              <label htmlFor={ids.scope}>{t('inbox.filter.scope')}</label>
              <select
                id={ids.scope}
                value={filters.scope}
                onChange={(event) => setFilters({ ...filters, scope: event.target.value as Scope })}
              >
                <option value="all">{t('inbox.filter.all')}</option>
                <option value="mine">{t('inbox.filter.mine')}</option>
                <option value="unassigned">{t('inbox.filter.unassigned')}</option>
              </select>
            </div>
            <div className="field inline">
              <label htmlFor={ids.status}>{t('inbox.filter.status')}</label>
              <select
                id={ids.status}
                value={filters.status}
                disabled={filters.atRisk}
                onChange={(event) =>
                  setFilters({ ...filters, status: event.target.value as Filters['status'] })
                }
              >
                <option value="open">{t('inbox.status.open')}</option>
                <option value="held">{t('inbox.status.held')}</option>
                <option value="resolved">{t('inbox.status.resolved')}</option>
              </select>
            </div>
            <div className="field inline">
              <label htmlFor={ids.language}>{t('inbox.filter.language')}</label>
              <select
                id={ids.language}
                value={filters.language}
                onChange={(event) => setFilters({ ...filters, language: event.target.value })}
              >
                <option value="">{t('inbox.filter.allLanguages')}</option>
                {LANGUAGES.map((code) => (
                  <option key={code} value={code}>
                    {languageName(translator, code)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field inline">
              <label htmlFor={ids.priority}>{t('inbox.filter.priority')}</label>
              <select
                id={ids.priority}
                value={filters.priority}
                onChange={(event) =>
                  setFilters({ ...filters, priority: event.target.value as Filters['priority'] })
                }
              >
                <option value="">{t('inbox.filter.allPriorities')}</option>
                {LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {t(`inbox.priority.${level}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field inline checkbox">
              <input
                id={ids.atRisk}
                type="checkbox"
                checked={filters.atRisk}
                onChange={(event) => setFilters({ ...filters, atRisk: event.target.checked })}
              />
              <label htmlFor={ids.atRisk}>{t('inbox.filter.atRisk')}</label>
            </div>
          </div>

          <p className="result-count" role="status" aria-live="polite">
            {feed.loading && feed.items.length === 0
              ? t('common.loading')
              : feed.more
                ? tn('inbox.loadedMore', feed.items.length)
                : tn('inbox.loaded', feed.items.length)}
          </p>
          {feed.error ? <ErrorAlert error={feed.error} /> : null}

          <p className="form-ok inbox-notice" role="status">
            {notice}
          </p>
          <div className="inbox-layout">
            {feed.items.length === 0 && !feed.loading ? (
              <p className="empty">{t('inbox.empty')}</p>
            ) : (
              <VirtualList
                items={feed.items}
                rowHeight={ROW_HEIGHT}
                itemKey={(item) => item.id}
                activeIndex={active}
                onActiveIndexChange={setActive}
                onRangeChange={onRangeChange}
                label={t('inbox.listLabel')}
                idPrefix="inbox-item"
                renderItem={(item) => (
                  <div className="inbox-row" data-item-id={item.id}>
                    <div className="post-row-meta">
                      <span className={`priority-badge is-${item.priority.level}`}>
                        {t(`inbox.priority.${item.priority.level}`)}
                      </span>
                      <span className="badge">{item.language}</span>
                      <span className="post-handle">@{item.authorHandle}</span>
                      {item.riskFlags.length > 0 ? (
                        <span className="badge is-risk">{tn('inbox.riskFlags', item.riskFlags.length)}</span>
                      ) : null}
                      {item.slaDueAt && item.status === 'open' ? (
                        <SlaDue due={item.slaDueAt} />
                      ) : (
                        <time dateTime={item.postCreatedAt}>{format.dateTime(item.postCreatedAt)}</time>
                      )}
                      {item.assigneeId ? (
                        <span className="badge">
                          {item.assigneeId === me?.id ? t('inbox.assigned.me') : t('inbox.assigned.other')}
                        </span>
                      ) : null}
                    </div>
                    <p className="post-row-text">{item.text}</p>
                  </div>
                )}
              />
            )}
            <aside className="post-detail inbox-detail" aria-label={t('inbox.detail.label')}>
              {selected && me ? (
                <ItemDetail
                  ref={detail}
                  key={selected.id}
                  itemId={selected.id}
                  version={detailVersion}
                  me={me}
                  canWork={canWork}
                  onChanged={changed}
                  onNotice={setNotice}
                />
              ) : (
                <p className="muted">{t('inbox.noSelection')}</p>
              )}
            </aside>
          </div>
        </>
      )}
    </div>
  );
}

/** Time left before an SLA breaches (or how long ago it did), refreshed every 30 seconds. */
export function SlaDue(props: { due: string }) {
  const { t, locale } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const minutes = Math.round((Date.parse(props.due) - now) / 60_000);
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const text =
    Math.abs(minutes) >= 48 * 60
      ? relative.format(Math.round(minutes / (24 * 60)), 'day')
      : Math.abs(minutes) >= 120
        ? relative.format(Math.round(minutes / 60), 'hour')
        : relative.format(minutes, 'minute');
  return (
    <span className={minutes < 0 ? 'sla-due is-breached' : minutes < 30 ? 'sla-due is-warning' : 'sla-due'}>
      {minutes < 0 ? t('inbox.sla.breachedAgo', { when: text }) : t('inbox.sla.dueIn', { when: text })}
    </span>
  );
}
