/**
 * Which connector serves which vendor. The one place that knows every
 * vendor folder; the rest of the core works on the Connector interface.
 */
import { TelServerConnector } from '../connectors/telserver/connector';
import type { ConsoleConfig } from './config';
import type { ConnectorFactory } from './connector';

export function connectorFactories(config: ConsoleConfig): ConnectorFactory[] {
  return config.connections.map((connection) => {
    switch (connection.vendor) {
      case 'telserver':
        return (host) => new TelServerConnector(connection, host, config.defaultCountry);
    }
  });
}
