/**
 * A pure function computed once per distinct key. Within a job, texts repeat (reposts, copy-paste
 * campaigns: a tenth to a third of a batch), so stages look at each distinct input once.
 */
export function memoised<I, O>(compute: (input: I) => O, keyOf: (input: I) => string): (input: I) => O {
  const seen = new Map<string, O>();
  return (input) => {
    const key = keyOf(input);
    if (seen.has(key)) return seen.get(key) as O;
    const output = compute(input);
    seen.set(key, output);
    return output;
  };
}
