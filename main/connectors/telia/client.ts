/**
 * The Telia Smart calls client: one HTTPS POST per operation to the
 * services or phonebook endpoint, `SOAPAction: ""`, WS-Security
 * UsernameToken in the SOAP header, TLS always verified (system CAs or a
 * pinned certificate fingerprint), a time limit per request. Any status but
 * 200 is a failure; a ServiceError inside a 200 is a failure too.
 */
import { HttpEndpoint, HttpTransportError, type TlsOptions } from '../shared/http-client';
import { decodeResponse, encodeRequest, SoapCodecError } from './codec';
import { TeliaServiceError, TeliaTransportError } from './errors';
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

  constructor(private readonly options: TeliaClientOptions) {
    for (const url of [options.servicesUrl, options.phonebookUrl]) {
      if (!url.startsWith('https://')) throw new TeliaTransportError(`${url}: Telia must be reached over https.`);
    }
    const common = { tls: options.tls, timeoutMs: options.timeoutMs ?? 10_000, maxResponseBytes: 4 * 1024 * 1024, maxSockets: 2 };
    this.endpoints = {
      services: new HttpEndpoint({ url: options.servicesUrl, ...common }),
      phonebook: new HttpEndpoint({ url: options.phonebookUrl, ...common }),
    };
  }

  /** Sends one operation; resolves with the decoded answer, rejects with TeliaServiceError or TeliaTransportError. */
  async call(request: TeliaRequest): Promise<TeliaResponse> {
    const endpoint = this.endpoints[ENDPOINT_OF[request.op]];
    const body = encodeRequest(request, { username: this.options.username, password: this.options.password });
    let status: number;
    let text: string;
    try {
      const response = await endpoint.post(body, { headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' } });
      status = response.status;
      text = response.body;
    } catch (error) {
      if (error instanceof HttpTransportError) throw new TeliaTransportError(`${error.message} (${request.op})`);
      throw error;
    }
    if (status !== 200)
      throw new TeliaTransportError(`Telia answered HTTP ${status} to ${request.op} (${endpoint.origin}); it did not happen.`);
    let decoded: TeliaResponse;
    try {
      decoded = decodeResponse(text);
    } catch (error) {
      if (error instanceof SoapCodecError)
        throw new TeliaTransportError(`Telia's answer to ${request.op} was not usable: ${error.message}.`);
      throw error;
    }
    if (decoded.error) throw new TeliaServiceError(decoded.error);
    return decoded;
  }

  close(): void {
    this.endpoints.services.close();
    this.endpoints.phonebook.close();
  }
}
