import {
  LISTENING_RISK_FLAGS,
  type Campaign,
  type ListeningFilter,
  type ListeningPost,
  type SavedSearch,
} from '@ombud/contract';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/api-client.ts';
import { exportUrl, listeningApi } from '../api/listening.api.ts';
import { useLoad } from '../api/use-load.ts';
import { analysisLabel } from '../components/analysis-label.ts';
import { ErrorAlert } from '../components/load-state.tsx';
import { languageName } from '../components/language-name.ts';
import { PostEvidenceView } from '../components/evidence/post-evidence.tsx';
import { ScreenHeading } from '../components/screen-heading.tsx';
import { VirtualList } from '../components/virtual-list.tsx';
import { CATALOGUES, useI18n } from '../i18n/i18n.tsx';
import { formatterFor } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/messages.en.ts';
import './listening/listening.css';

const ROW_HEIGHT = 64;
const FIRST_PAGE = 100;
const NEXT_PAGE = 200;
/** Fetch the next page when the viewport gets this close to the last loaded row. */
const PREFETCH_ROWS = 200;
const BASE_LANGUAGES = ['en', 'es', 'sv'];
const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
const CODES = (prefix: string) =>
  Object.keys(CATALOGUES.en)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
const RISK_LABEL: Record<(typeof LISTENING_RISK_FLAGS)[number], MessageKey> = {
  toxic: 'listening.risk.toxic',
  churn_threat: 'listening.risk.churn_threat',
  safety: 'listening.risk.safety',
  poaching: 'listening.risk.poaching',
  switch: 'listening.risk.switch',
};

/** The search form's fields, as typed; dates are `YYYY-MM-DD` in the user's time zone. */
interface Draft {
  campaignId: string;
  language: string;
  q: string;
  market: string;
  sentiment: string;
  intent: string;
  aspect: string;
  source: string;
  author: string;
  risk: string;
  fromDay: string;
  toDay: string;
}
const EMPTY_DRAFT: Draft = {
  campaignId: '',
  language: '',
  q: '',
  market: '',
  sentiment: '',
  intent: '',
  aspect: '',
  source: '',
  author: '',
  risk: '',
  fromDay: '',
  toDay: '',
};

/** The API filter a draft stands for: empty fields are left out, days become instants. */
export function filterOf(draft: Draft): ListeningFilter {
  const filter: ListeningFilter = {};
  const text = (value: string) => value.trim() || undefined;
  const set = <K extends keyof ListeningFilter>(key: K, value: ListeningFilter[K] | undefined) => {
    if (value !== undefined) filter[key] = value;
  };
  set('campaignId', text(draft.campaignId));
  set('q', text(draft.q));
  set('language', text(draft.language));
  set('market', text(draft.market.toUpperCase().replace(/\s+/g, '')));
  set('sentiment', text(draft.sentiment));
  set('intent', text(draft.intent));
  set('aspect', text(draft.aspect));
  set('source', text(draft.source.replace(/\s+/g, '')));
  set('author', text(draft.author));
  set('risk', text(draft.risk));
  if (draft.fromDay) set('from', new Date(`${draft.fromDay}T00:00:00`).toISOString());
  if (draft.toDay)
    set('to', new Date(new Date(`${draft.toDay}T00:00:00`).getTime() + 86_400_000).toISOString());
  return filter;
}

function localDay(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A saved filter back in the form. */
function draftOf(filter: ListeningFilter): Draft {
  return {
    ...EMPTY_DRAFT,
    campaignId: filter.campaignId ?? '',
    q: filter.q ?? '',
    language: filter.language ?? '',
    market: filter.market ?? '',
    sentiment: filter.sentiment ?? '',
    intent: filter.intent ?? '',
    aspect: filter.aspect ?? '',
    source: filter.source ?? '',
    author: filter.author ?? '',
    risk: filter.risk ?? '',
    fromDay: localDay(filter.from),
    toDay: filter.to ? localDay(new Date(Date.parse(filter.to) - 1).toISOString()) : '',
  };
}

interface Feed {
  posts: ListeningPost[];
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
}

/** Only web links are followed; anything else in a post's URL is shown, never opened. */
export function safeHttpUrl(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export function MentionsScreen() {
  const translator = useI18n();
  const { t, tn, locale } = translator;
  const format = formatterFor(locale);
  const [campaigns] = useLoad(() => api.campaigns(), 'campaigns');
  const [me] = useLoad(() => api.me(), 'me');
  const [saved, reloadSaved] = useLoad((signal) => listeningApi.savedSearches(signal), 'saved-searches');
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [filter, setFilter] = useState<ListeningFilter>({});
  const [feed, setFeed] = useState<Feed>({ posts: [], nextCursor: null, loading: true, error: undefined });
  const [active, setActive] = useState(0);
  const [saveName, setSaveName] = useState('');
  const [saveError, setSaveError] = useState<unknown>(undefined);
  const [savedNotice, setSavedNotice] = useState('');
  const loading = useRef(false);
  const generation = useRef(0);
  // Pages already asked for in this search: a scroll event between a page's arrival and the next
  // render still sees the old cursor and must not append the same page twice.
  const requestedCursors = useRef(new Set<string>());
  const ids = {
    campaign: useId(),
    language: useId(),
    q: useId(),
    market: useId(),
    sentiment: useId(),
    intent: useId(),
    aspect: useId(),
    source: useId(),
    author: useId(),
    risk: useId(),
    from: useId(),
    to: useId(),
    saved: useId(),
    saveName: useId(),
  };

  const fetchPage = useCallback(
    async (cursor: string | undefined) => {
      if (cursor !== undefined) {
        if (requestedCursors.current.has(cursor)) return;
        requestedCursors.current.add(cursor);
      }
      const run = generation.current;
      loading.current = true;
      setFeed((previous) => ({ ...previous, loading: true, error: undefined }));
      try {
        const page = await listeningApi.search(filter, { limit: cursor ? NEXT_PAGE : FIRST_PAGE, cursor });
        if (run !== generation.current) return;
        setFeed((previous) => ({
          posts: cursor ? previous.posts.concat(page.posts) : page.posts,
          nextCursor: page.nextCursor,
          loading: false,
          error: undefined,
        }));
      } catch (error) {
        if (cursor !== undefined) requestedCursors.current.delete(cursor);
        if (run !== generation.current) return;
        setFeed((previous) => ({ ...previous, loading: false, error }));
      } finally {
        if (run === generation.current) loading.current = false;
      }
    },
    [filter],
  );

  useEffect(() => {
    generation.current += 1;
    loading.current = false;
    requestedCursors.current = new Set();
    setActive(0);
    setFeed({ posts: [], nextCursor: null, loading: true, error: undefined });
    void fetchPage(undefined);
  }, [fetchPage]);

  const onRangeChange = useCallback(
    (end: number) => {
      if (loading.current || !feed.nextCursor || feed.error) return;
      if (end + PREFETCH_ROWS >= feed.posts.length) void fetchPage(feed.nextCursor);
    },
    [feed.nextCursor, feed.posts.length, feed.error, fetchPage],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilter(filterOf(draft));
  };
  const applySaved = (id: string) => {
    const search = saved.status === 'ready' ? saved.data.find((item) => item.id === id) : undefined;
    if (!search) return;
    setDraft(draftOf(search.filter));
    setFilter(search.filter);
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaveError(undefined);
    try {
      const created = await listeningApi.saveSearch(saveName.trim(), filter);
      setSavedNotice(t('listening.mentions.saved', { name: created.name }));
      setSaveName('');
      reloadSaved();
    } catch (error) {
      setSaveError(error);
    }
  };
  const remove = async (search: SavedSearch) => {
    setSaveError(undefined);
    try {
      await listeningApi.deleteSavedSearch(search.id);
      setSavedNotice(t('listening.mentions.deleted', { name: search.name }));
      reloadSaved();
    } catch (error) {
      setSaveError(error);
    }
  };

  const role = me.status === 'ready' ? me.data.role : undefined;
  const canExport = role === 'owner' || role === 'analyst';
  const canSave = canExport || role === 'advocate_manager';
  const campaignList: Campaign[] = campaigns.status === 'ready' ? campaigns.data : [];
  const languages = [...new Set([...BASE_LANGUAGES, ...campaignList.flatMap((c) => c.languages)])];
  const savedList = saved.status === 'ready' ? saved.data : [];
  const selected = feed.posts[active];
  const field = (key: keyof Draft) => ({
    value: draft[key],
    onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }),
  });

  return (
    <div className="screen mentions">
      <ScreenHeading title={t('mentions.title')} />
      <form className="filter-bar" role="search" aria-label={t('mentions.filters')} onSubmit={submit}>
        <div className="field inline">
          <label htmlFor={ids.campaign}>{t('mentions.campaign')}</label>
          <select id={ids.campaign} {...field('campaignId')}>
            <option value="">{t('mentions.allCampaigns')}</option>
            {campaignList.map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor={ids.language}>{t('mentions.language')}</label>
          <select id={ids.language} {...field('language')}>
            <option value="">{t('mentions.allLanguages')}</option>
            {languages.map((code) => (
              <option key={code} value={code}>
                {languageName(translator, code)}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline grow">
          <label htmlFor={ids.q}>{t('mentions.search')}</label>
          <input
            id={ids.q}
            type="search"
            maxLength={300}
            title={t('listening.mentions.syntax')}
            {...field('q')}
          />
        </div>
        <div className="field inline">
          <label htmlFor={ids.sentiment}>{t('mentions.sentiment')}</label>
          <select id={ids.sentiment} {...field('sentiment')}>
            <option value="">{t('listening.mentions.any')}</option>
            {SENTIMENTS.map((code) => (
              <option key={code} value={code}>
                {analysisLabel(translator, 'sentiment', code)}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor={ids.intent}>{t('mentions.intents')}</label>
          <select id={ids.intent} {...field('intent')}>
            <option value="">{t('listening.mentions.any')}</option>
            {CODES('intent.').map((code) => (
              <option key={code} value={code}>
                {analysisLabel(translator, 'intent', code)}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor={ids.aspect}>{t('mentions.aspects')}</label>
          <select id={ids.aspect} {...field('aspect')}>
            <option value="">{t('listening.mentions.any')}</option>
            {CODES('aspect.').map((code) => (
              <option key={code} value={code}>
                {analysisLabel(translator, 'aspect', code)}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor={ids.risk}>{t('listening.mentions.risk')}</label>
          <select id={ids.risk} {...field('risk')}>
            <option value="">{t('listening.mentions.any')}</option>
            {LISTENING_RISK_FLAGS.map((code) => (
              <option key={code} value={code}>
                {t(RISK_LABEL[code])}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline">
          <label htmlFor={ids.market}>{t('mentions.market')}</label>
          <input id={ids.market} placeholder="ES,SE" maxLength={100} size={8} {...field('market')} />
        </div>
        <div className="field inline">
          <label htmlFor={ids.source}>{t('listening.mentions.source')}</label>
          <input id={ids.source} maxLength={200} size={10} {...field('source')} />
        </div>
        <div className="field inline">
          <label htmlFor={ids.author}>{t('listening.mentions.author')}</label>
          <input id={ids.author} maxLength={100} size={12} {...field('author')} />
        </div>
        <div className="field inline">
          <label htmlFor={ids.from}>{t('listening.mentions.from')}</label>
          <input id={ids.from} type="date" {...field('fromDay')} />
        </div>
        <div className="field inline">
          <label htmlFor={ids.to}>{t('listening.mentions.to')}</label>
          <input id={ids.to} type="date" {...field('toDay')} />
        </div>
        <button type="submit" className="button primary">
          {t('mentions.apply')}
        </button>
      </form>

      <div className="saved-searches">
        {savedList.length > 0 ? (
          <div className="field inline">
            <label htmlFor={ids.saved}>{t('listening.mentions.savedSearches')}</label>
            <select id={ids.saved} value="" onChange={(event) => applySaved(event.target.value)}>
              <option value="">{t('listening.mentions.pickSaved')}</option>
              {savedList.map((search) => (
                <option key={search.id} value={search.id}>
                  {search.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {canSave ? (
          <form className="saved-searches" onSubmit={(event) => void save(event)}>
            <div className="field inline">
              <label htmlFor={ids.saveName}>{t('listening.mentions.saveName')}</label>
              <input
                id={ids.saveName}
                value={saveName}
                maxLength={120}
                required
                onChange={(event) => setSaveName(event.target.value)}
              />
            </div>
            <button type="submit" className="button" disabled={!saveName.trim()}>
              {t('listening.mentions.save')}
            </button>
          </form>
        ) : null}
        {canSave && savedList.length > 0 ? (
          <details>
            <summary>{t('listening.mentions.manageSaved')}</summary>
            <ul className="chips">
              {savedList.map((search) => (
                <li key={search.id} className="chip">
                  {search.name}{' '}
                  <button
                    type="button"
                    className="button quiet"
                    onClick={() => void remove(search)}
                    aria-label={t('listening.mentions.deleteSaved', { name: search.name })}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        {canExport ? (
          <span className="export-links">
            <a className="button quiet" href={exportUrl(filter, 'csv')} download>
              {t('listening.mentions.exportCsv')}
            </a>
            <a className="button quiet" href={exportUrl(filter, 'json')} download>
              {t('listening.mentions.exportJson')}
            </a>
          </span>
        ) : null}
        <span className="muted" role="status">
          {savedNotice}
        </span>
      </div>
      {saveError ? <ErrorAlert error={saveError} /> : null}

      <p className="result-count" role="status" aria-live="polite">
        {feed.loading && feed.posts.length === 0
          ? t('common.loading')
          : feed.nextCursor
            ? tn('mentions.loadedMore', feed.posts.length)
            : tn('mentions.loaded', feed.posts.length)}
      </p>
      {feed.error ? <ErrorAlert error={feed.error} /> : null}

      <div className="mentions-layout">
        {feed.posts.length === 0 && !feed.loading ? (
          <p className="empty">{t('mentions.empty')}</p>
        ) : (
          <VirtualList
            items={feed.posts}
            rowHeight={ROW_HEIGHT}
            itemKey={(post) => post.id}
            activeIndex={active}
            onActiveIndexChange={setActive}
            onRangeChange={onRangeChange}
            label={t('mentions.listLabel')}
            idPrefix="post"
            renderItem={(post) => (
              <div className="post-row">
                <div className="post-row-meta">
                  <span className="post-author">{post.author.displayName ?? post.author.handle}</span>
                  <span className="post-handle">@{post.author.handle}</span>
                  <span className="badge">{post.language}</span>
                  <span className={`sentiment-badge is-${post.sentiment}`}>
                    {analysisLabel(translator, 'sentiment', post.sentiment)}
                  </span>
                  <time dateTime={post.createdAt}>{format.dateTime(post.createdAt)}</time>
                </div>
                <p className="post-row-text">{post.text}</p>
              </div>
            )}
          />
        )}
        <aside className="post-detail" aria-label={t('mentions.detail')}>
          {selected ? <PostDetail post={selected} /> : <p className="muted">{t('mentions.noSelection')}</p>}
        </aside>
      </div>
    </div>
  );
}

function PostDetail(props: { post: ListeningPost }) {
  const translator = useI18n();
  const { t, locale } = translator;
  const format = formatterFor(locale);
  const { post } = props;
  const link = safeHttpUrl(post.url);
  const riskLabel = (code: string) =>
    code in RISK_LABEL ? t(RISK_LABEL[code as keyof typeof RISK_LABEL]) : code.replaceAll('_', ' ');
  return (
    <article className="post-detail-body">
      <h2 className="post-detail-author">
        {post.author.displayName ?? post.author.handle}{' '}
        <span className="post-handle">@{post.author.handle}</span>
        {post.author.verified ? <span className="badge">{t('mentions.verified')}</span> : null}
      </h2>
      <PostEvidenceView postId={post.id} text={post.text} lang={post.language} />
      <dl className="facts">
        <dt>{t('mentions.posted')}</dt>
        <dd>
          <time dateTime={post.createdAt}>{format.dateTime(post.createdAt)}</time>
        </dd>
        <dt>{t('mentions.language')}</dt>
        <dd>{languageName(translator, post.language)}</dd>
        <dt>{t('mentions.platform')}</dt>
        <dd>{post.platform}</dd>
        <dt>{t('listening.mentions.source')}</dt>
        <dd>{post.source}</dd>
        {post.market ? (
          <>
            <dt>{t('mentions.market')}</dt>
            <dd>{post.market}</dd>
          </>
        ) : null}
        <dt>{t('mentions.followers')}</dt>
        <dd>{post.author.followers === null ? t('common.unknown') : format.number(post.author.followers)}</dd>
        <dt>{t('listening.influencers.engagement')}</dt>
        <dd>{format.number(post.engagement)}</dd>
      </dl>
      <h3 className="detail-section-title">{t('mentions.analysis')}</h3>
      <dl className="facts">
        <dt>{t('mentions.sentiment')}</dt>
        <dd>
          <span className={`sentiment-badge is-${post.sentiment}`}>
            {analysisLabel(translator, 'sentiment', post.sentiment)}
          </span>{' '}
          <span className="muted-inline">
            {t('mentions.score', { score: format.score(post.sentimentScore) })}
          </span>
        </dd>
        <dt>{t('mentions.intents')}</dt>
        <dd>
          {post.intents.map((code) => analysisLabel(translator, 'intent', code)).join(', ') ||
            t('common.none')}
        </dd>
        <dt>{t('mentions.aspects')}</dt>
        <dd>
          {post.aspects.map((code) => analysisLabel(translator, 'aspect', code)).join(', ') ||
            t('common.none')}
        </dd>
        <dt>{t('listening.mentions.risk')}</dt>
        <dd>{post.riskFlags.map(riskLabel).join(', ') || t('common.none')}</dd>
      </dl>
      {link ? (
        <a className="button quiet" href={link} target="_blank" rel="noopener noreferrer nofollow">
          {t('mentions.openOriginal')}
        </a>
      ) : null}
    </article>
  );
}
