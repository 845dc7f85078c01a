/** RFC 3986 percent-encoding as ACS3 signing expects it: only A–Z a–z 0–9 - _ . ~ stay as they are. */

/**
 * Encodes one path segment, query name or query value.
 *
 * @example
 * percentEncode("my image*") // "my%20image%2A"
 */
export function percentEncode(value: string): string {
  // encodeURIComponent leaves ! ' ( ) * unencoded; RFC 3986 unreserved does not include them.
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
