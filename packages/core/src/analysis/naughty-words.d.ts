declare module 'naughty-words' {
  /** LDNOOBW word lists keyed by language code (CC BY 4.0). */
  const lists: Record<string, string[]>;
  export default lists;
}
