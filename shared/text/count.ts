/** A count as people read it in a report: "3,000". */
export const count = (n: number): string => n.toLocaleString('en-US');

/** "1 claim", "3,000 claims", "2 people". */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${count(n)} ${n === 1 ? one : many}`;
