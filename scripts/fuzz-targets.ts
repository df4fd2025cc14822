/**
 * What `npm run fuzz` (and, a few thousand inputs each, `scripts/fuzz.test.ts`) feeds: every decoder of text
 * that a network peer, a link or a file controls, with the vendor documents' own examples (the connectors'
 * fixtures) as seeds. A decoder may refuse an input only with its own error type, saying why; anything else it
 * throws (a TypeError from a missing guard, a RangeError from recursion) is a "foreign exception" — a bug.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../app/config';
import { decodeEvent, decodeRequest as decodeTelServerRequest, decodeReturn } from '../main/connectors/telserver/codec';
import { decodeFrame } from '../main/connectors/portasip/codec';
import { decodeNotification, decodeResponse as decodeTeliaResponse } from '../main/connectors/telia/codec';
import { parseChallenges } from '../main/connectors/shared/http-auth';
import { parseDialLink, resolveDialLink } from '../main/desktop/tel-link';
import { decodeAnyInfo, decodeVersion, readResponse } from '../main/connectors/innovaphone/codec';

export interface FuzzTarget {
  name: string;
  /** Valid inputs to start from: the documents' examples. */
  seeds: string[];
  /** Decodes one input; returns normally or throws. */
  decode(input: string): unknown;
}

/**
 * The refusals decoders are allowed to throw, by class name: each is the decoder's own "this is not a valid
 * message" (by name rather than by class so this list does not tie the fuzzer to every codec's module layout).
 */
export const EXPECTED_ERRORS: ReadonlySet<string> = new Set([
  'TsCodecError',
  'PsCodecError',
  'SoapCodecError',
  'MissingElementError',
  'SoapFormatError',
  'SoapFault',
  'XmlReadError',
  'XmlSyntaxError',
  'InnovaphoneError',
  'ConfigError',
]);

export function isForeign(error: unknown): boolean {
  return !(error instanceof Error && EXPECTED_ERRORS.has(error.name));
}

const ROOT = path.join(__dirname, '..');
function fixtures(folder: string, pattern: RegExp): string[] {
  const dir = path.join(ROOT, folder);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => pattern.test(file))
    .sort()
    .map((file) => readFileSync(path.join(dir, file), 'utf8'));
}

const LINK_SEEDS = [
  'tel:+372-640-1234',
  'tel:+1-201-555-0123;ext=1234',
  'tel:914-555-0123;phone-context=+1-914',
  'tel:1100;phone-context=pbx.example.com',
  'tel:+372%20640%201234',
  'callto://+3726401234',
  'tel:*2767*3855%23',
  'tel:+3726401234;m-foo=bar;isub=12',
];

export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'TelServer event (UDP)',
    seeds: fixtures('main/connectors/telserver/fixtures', /^event-.*\.xml$/),
    decode: (input) => decodeEvent(input),
  },
  {
    name: 'TelServer reply (TCP)',
    seeds: fixtures('main/connectors/telserver/fixtures', /^(return|error|response)-.*\.xml$/),
    decode: (input) => decodeReturn(input),
  },
  {
    name: 'TelServer request (demo PBX side)',
    seeds: fixtures('main/connectors/telserver/fixtures', /^request-.*\.xml$/),
    decode: (input) => decodeTelServerRequest(input),
  },
  {
    name: 'innovaphone SOAP reply',
    seeds: fixtures('main/connectors/innovaphone/fixtures', /^(poll|version|calls|initialize|fault).*\.xml$/),
    decode: (input) => {
      if (input.includes('VersionResponse')) return decodeVersion(readResponse(input, 'Version'));
      return decodeAnyInfo(readResponse(input, 'Poll'));
    },
  },
  {
    name: 'PortaSIP frame',
    seeds: fixtures('main/connectors/portasip/fixtures', /\.(response|notification|notifications)\.json$/),
    decode: (input) => decodeFrame(input),
  },
  {
    name: 'Telia SOAP reply',
    seeds: fixtures('main/connectors/telia/fixtures', /^response-.*\.xml$/),
    decode: (input) => decodeTeliaResponse(input),
  },
  {
    name: 'Telia notification (HTTP GET query)',
    seeds: fixtures('main/connectors/telia/fixtures', /\.query$/),
    decode: (input) => decodeNotification(new URLSearchParams(input)),
  },
  {
    name: 'HTTP Digest challenge',
    seeds: [
      'Digest realm="pbx", qop="auth", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="abc", opaque="def", Basic realm="x"',
    ],
    decode: (input) => parseChallenges(input),
  },
  {
    name: 'tel:/callto: link',
    seeds: LINK_SEEDS,
    decode: (input) => {
      const parsed = parseDialLink(input);
      return parsed.ok ? resolveDialLink(parsed, { country: 'EE', domains: ['pbx.example.com'] }) : parsed;
    },
  },
  {
    name: 'configuration file',
    seeds: [
      JSON.stringify({
        defaultCountry: 'EE',
        connections: [{ vendor: 'telserver', id: 'hq', label: 'HQ', host: 'ts.example.com', port: 4000, lines: [{ device: '1100' }] }],
      }),
    ],
    decode: (input) => {
      let raw: unknown;
      try {
        raw = JSON.parse(input);
      } catch {
        return undefined; // not JSON: refused before parseConfig (config-file.ts says so)
      }
      return parseConfig(raw, 'config.json');
    },
  },
];
