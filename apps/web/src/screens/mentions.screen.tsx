import type { Campaign, PostListItem } from '@ombud/contract';
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, type PostsQuery } from '../api/api-client.ts';
import { useLoad } from '../api/use-load.ts';
import { analysisLabel } from '../components/analysis-label.ts';
import { errorText } from '../components/error-text.ts';
import { languageName } from '../components/language-name.ts';
import { ScreenHeading } from '../components/screen-heading.tsx';
import { VirtualList } from '../components/virtual-list.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatterFor } from '../i18n/format.ts';

const ROW_HEIGHT = 64;
const FIRST_PAGE = 100;
const NEXT_PAGE = 500;
/** Fetch the next page when the viewport gets this close to the last loaded row. */
const PREFETCH_ROWS = 200;
const BASE_LANGUAGES = ['en', 'es', 'sv'];

interface Filters {
  campaignId: string;
  language: string;
  q: string;
}

interface Feed {
  posts: PostListItem[];
  nextBefore: string | null;
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
  const [draft, setDraft] = useState<Filters>({ campaignId: '', language: '', q: '' });
  const [filters, setFilters] = useState<Filters>(draft);
  const [feed, setFeed] = useState<Feed>({ posts: [], nextBefore: null, loading: true, error: undefined });
  const [active, setActive] = useState(0);
  const loading = useRef(false);
  const generation = useRef(0);
  const ids = { campaign: useId(), language: useId(), q: useId() };

  const fetchPage = useCallback(
    async (before: string | undefined) => {
      const run = generation.current;
      loading.current = true;
      setFeed((previous) => ({ ...previous, loading: true, error: undefined }));
      const query: PostsQuery = {
        campaignId: filters.campaignId || undefined,
        language: filters.language || undefined,
        q: filters.q.trim() || undefined,
        limit: before ? NEXT_PAGE : FIRST_PAGE,
        before,
      };
      try {
        const page = await api.posts(query);
        if (run !== generation.current) return;
        setFeed((previous) => ({
          posts: before ? previous.posts.concat(page.posts) : page.posts,
          nextBefore: page.nextBefore,
          loading: false,
          error: undefined,
        }));
      } catch (error) {
        if (run !== generation.current) return;
        setFeed((previous) => ({ ...previous, loading: false, error }));
      } finally {
        if (run === generation.current) loading.current = false;
      }
    },
    [filters],
  );

  useEffect(() => {
    generation.current += 1;
    loading.current = false;
    setActive(0);
    setFeed({ posts: [], nextBefore: null, loading: true, error: undefined });
    void fetchPage(undefined);
  }, [fetchPage]);

  const onRangeChange = useCallback(
    (end: number) => {
      if (loading.current || !feed.nextBefore || feed.error) return;
      if (end + PREFETCH_ROWS >= feed.posts.length) void fetchPage(feed.nextBefore);
    },
    [feed.nextBefore, feed.posts.length, feed.error, fetchPage],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };

  const campaignList: Campaign[] = campaigns.status === 'ready' ? campaigns.data : [];
  const languages = [...new Set([...BASE_LANGUAGES, ...campaignList.flatMap((c) => c.languages)])];
  const selected = feed.posts[active];

  return (
    <div className="screen mentions">
      <ScreenHeading title={t('mentions.title')} />
      <form className="filter-bar" role="search" aria-label={t('mentions.filters')} onSubmit={submit}>
        <div className="field inline">
          <label htmlFor={ids.campaign}>{t('mentions.campaign')}</label>
          <select
            id={ids.campaign}
            value={draft.campaignId}
            onChange={(event) => setDraft({ ...draft, campaignId: event.target.value })}
          >
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
          <select
            id={ids.language}
            value={draft.language}
            onChange={(event) => setDraft({ ...draft, language: event.target.value })}
          >
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
            value={draft.q}
            maxLength={200}
            onChange={(event) => setDraft({ ...draft, q: event.target.value })}
          />
        </div>
        <button type="submit" className="button primary">
          {t('mentions.apply')}
        </button>
      </form>

      <p className="result-count" role="status" aria-live="polite">
        {feed.loading && feed.posts.length === 0
          ? t('common.loading')
          : feed.nextBefore
            ? tn('mentions.loadedMore', feed.posts.length)
            : tn('mentions.loaded', feed.posts.length)}
      </p>
      {feed.error ? (
        <p className="form-error" role="alert">
          {errorText(translator, feed.error)}
        </p>
      ) : null}

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
                  <span className="badge">
                    {post.language ?? post.analysis?.language ?? t('language.undeterminedShort')}
                  </span>
                  {post.analysis ? (
                    <span className={`sentiment-badge is-${post.analysis.sentiment}`}>
                      {analysisLabel(translator, 'sentiment', post.analysis.sentiment)}
                    </span>
                  ) : null}
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

function PostDetail(props: { post: PostListItem }) {
  const translator = useI18n();
  const { t, locale } = translator;
  const format = formatterFor(locale);
  const { post } = props;
  const link = safeHttpUrl(post.url);
  return (
    <article className="post-detail-body">
      <h2 className="post-detail-author">
        {post.author.displayName ?? post.author.handle}{' '}
        <span className="post-handle">@{post.author.handle}</span>
        {post.author.verified ? <span className="badge">{t('mentions.verified')}</span> : null}
      </h2>
      <p className="post-text">{post.text}</p>
      <dl className="facts">
        <dt>{t('mentions.posted')}</dt>
        <dd>
          <time dateTime={post.createdAt}>{format.dateTime(post.createdAt)}</time>
        </dd>
        <dt>{t('mentions.language')}</dt>
        <dd>{languageName(translator, post.language)}</dd>
        <dt>{t('mentions.platform')}</dt>
        <dd>{post.platform}</dd>
        {post.market ? (
          <>
            <dt>{t('mentions.market')}</dt>
            <dd>{post.market}</dd>
          </>
        ) : null}
        <dt>{t('mentions.followers')}</dt>
        <dd>{post.author.followers === null ? t('common.unknown') : format.number(post.author.followers)}</dd>
      </dl>
      <h3 className="detail-section-title">{t('mentions.analysis')}</h3>
      {post.analysis ? (
        <dl className="facts">
          <dt>{t('mentions.sentiment')}</dt>
          <dd>
            <span className={`sentiment-badge is-${post.analysis.sentiment}`}>
              {analysisLabel(translator, 'sentiment', post.analysis.sentiment)}
            </span>{' '}
            <span className="muted-inline">
              {t('mentions.score', { score: format.score(post.analysis.sentimentScore) })}
            </span>
          </dd>
          <dt>{t('mentions.detectedLanguage')}</dt>
          <dd>{languageName(translator, post.analysis.language)}</dd>
          <dt>{t('mentions.intents')}</dt>
          <dd>
            {post.analysis.intents.map((code) => analysisLabel(translator, 'intent', code)).join(', ') ||
              t('common.none')}
          </dd>
          <dt>{t('mentions.aspects')}</dt>
          <dd>
            {post.analysis.aspects.map((code) => analysisLabel(translator, 'aspect', code)).join(', ') ||
              t('common.none')}
          </dd>
          <dt>{t('mentions.toxicity')}</dt>
          <dd>{analysisLabel(translator, 'toxicity', post.analysis.toxicity)}</dd>
        </dl>
      ) : (
        <p className="muted">{t('mentions.notAnalysed')}</p>
      )}
      {link ? (
        <a className="button quiet" href={link} target="_blank" rel="noopener noreferrer nofollow">
          {t('mentions.openOriginal')}
        </a>
      ) : null}
      <p className="pending-note">{t('mentions.evidencePending')}</p>
    </article>
  );
}
