/**
 * The Telia Smart calls client: one HTTPS POST per operation to the
 * services or phonebook endpoint, `SOAPAction: ""`, WS-Security
 * UsernameToken in the SOAP header, TLS always verified (system CAs or a
 * pinned certificate fingerprint), a time limit per request. Any status but
 * 200 is a failure (TransportError 'status'), an answer that is not SOAP
 * too ('malformed'); a ServiceError inside a 200 is a TeliaServiceError.
 */
import { msg } from '../../../app/i18n/message';
import { ConsoleError } from '../../core/errors';
import { HttpEndpoint, type TlsOptions } from '../shared/http-client';
import { PeerFaultText } from '../shared/peer-fault-text';
import { TransportError } from '../shared/transport-error';
import { decodeResponse, encodeRequest, SoapCodecError } from './codec';
import { TeliaServiceError } from './errors';
import { ENDPOINT_OF, type TeliaEndpoint, type TeliaRequest, type TeliaResponse } from './messages';

export const TELIA_SERVICES_URL = 'https://teenused.telia.ee/external/services/index.php';
export const TELIA_PHONEBOOK_URL = 'https://teenused.telia.ee/external/phonebook/index.php';

export interface TeliaClientOptions {
  servicesUrl: string;
  phonebookUrl: string;
  username: string;
  password: string;
  tls?: TlsOptions;
  timeoutMs?: number;
}

export class TeliaClient {
  private readonly endpoints: Record<TeliaEndpoint, HttpEndpoint>;
  /** Telia's fault texts with this account's credentials redacted, bounded. */
  private readonly faultText: PeerFaultText;

  constructor(private readonly options: TeliaClientOptions) {
    for (const url of [options.servicesUrl, options.phonebookUrl]) {
      if (!url.startsWith('https://')) throw new ConsoleError(msg('telia.httpsRequired', { url }));
    }
    this.faultText = new PeerFaultText([{ username: options.username, password: options.password }]);
    const common = { tls: options.tls, timeoutMs: options.timeoutMs ?? 10_000, maxResponseBytes: 4 * 1024 * 1024, maxSockets: 2 };
    this.endpoints = {
      services: new HttpEndpoint({ url: options.servicesUrl, ...common }),
      phonebook: new HttpEndpoint({ url: options.phonebookUrl, ...common }),
    };
  }

  /** Sends one operation; resolves with the decoded answer, rejects with TeliaServiceError or TransportError. */
  async call(request: TeliaRequest): Promise<TeliaResponse> {
    const endpoint = this.endpoints[ENDPOINT_OF[request.op]];
    const body = encodeRequest(request, { username: this.options.username, password: this.options.password });
    // The endpoint rejects with a TransportError (refused, timed out, TLS not trusted…).
    const response = await endpoint.post(body, { headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' } });
    // Any other status: the operation did not happen.
    if (response.status !== 200) throw new TransportError('status', endpoint.origin, { status: response.status });
    let decoded: TeliaResponse;
    try {
      decoded = decodeResponse(response.body);
    } catch (error) {
      if (error instanceof SoapCodecError)
        // The codec's message may quote the answer (an element's name, an attribute): redacted and bounded.
        throw new TransportError('malformed', endpoint.origin, { reason: this.faultText.clean(error.message) }, { cause: error });
      throw error;
    }
    if (decoded.error) throw new TeliaServiceError(decoded.error, this.faultText);
    return decoded;
  }

  close(): void {
    this.endpoints.services.close();
    this.endpoints.phonebook.close();
  }
}
