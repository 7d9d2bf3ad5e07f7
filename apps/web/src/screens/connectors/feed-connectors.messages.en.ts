/** English texts of the Bluesky and RSS settings forms (keys start with `feedConnectors.`); the reference for es and sv. */
export const feedConnectorsEn = {
  'feedConnectors.bluesky.title': 'Bluesky',
  'feedConnectors.bluesky.lead':
    'Posts from Bluesky (through Jetstream) that carry one of the keywords or hashtags, or come from one of the accounts. Give at least one.',
  'feedConnectors.bluesky.keywords': 'Keywords',
  'feedConnectors.bluesky.keywordsHint':
    'Comma-separated phrases, matched as whole words, any case or accent',
  'feedConnectors.bluesky.hashtags': 'Hashtags',
  'feedConnectors.bluesky.hashtagsHint': 'Comma-separated, with or without #',
  'feedConnectors.bluesky.handles': 'Accounts',
  'feedConnectors.bluesky.handlesHint':
    'Comma-separated handles such as nordvik.bsky.social: every post by them is kept',
  'feedConnectors.bluesky.jetstreamUrl': 'Jetstream address',
  'feedConnectors.bluesky.jetstreamUrlHint':
    'A wss:// subscribe endpoint; the default is Bluesky’s public instance',
  'feedConnectors.bluesky.resolverUrl': 'Handle resolver',
  'feedConnectors.bluesky.resolverUrlHint': 'A PDS or AppView that turns handles into account ids',
  'feedConnectors.rss.title': 'RSS and Atom feeds',
  'feedConnectors.rss.lead':
    'Feeds read with conditional requests: each feed is asked no more often than the interval, its own update hint or its server allow.',
  'feedConnectors.rss.feeds': 'Feed addresses',
  'feedConnectors.rss.feedsHint': 'One http(s) address per line',
  'feedConnectors.rss.pollInterval': 'Shortest interval (seconds)',
  'feedConnectors.rss.pollIntervalHint': 'At least 60; 900 is a polite default',
} as const;

export type FeedConnectorsMessageKey = keyof typeof feedConnectorsEn;
