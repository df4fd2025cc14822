/**
 * The WHATWG URL parser, which every runtime of app/ has (Node, browsers,
 * Electron); app/ compiles without DOM or Node types, so its shape is named
 * here and the constructor is taken from the global object once.
 */
export interface ParsedUrl {
  protocol: string;
  username: string;
  password: string;
  hostname: string;
  host: string;
  origin: string;
  href: string;
}

type UrlConstructor = new (text: string) => ParsedUrl;

function isUrlConstructor(value: unknown): value is UrlConstructor {
  return typeof value === 'function';
}

const globalUrl: unknown = Reflect.get(globalThis, 'URL');
if (!isUrlConstructor(globalUrl)) throw new Error('This JavaScript runtime has no URL parser.');
const WhatwgUrl: UrlConstructor = globalUrl;

/** The parsed URL, or null when the text is not a URL. */
export function parseUrl(text: string): ParsedUrl | null {
  try {
    return new WhatwgUrl(text);
  } catch {
    return null;
  }
}
