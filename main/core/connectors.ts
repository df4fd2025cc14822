/**
 * Which connector serves which vendor. The one place that knows every
 * vendor folder; the rest of the core works on the Connector interface.
 */
import { TelServerConnector } from '../connectors/telserver/connector';
import { PortaSipConnector } from '../connectors/portasip/connector';
import { TeliaConnector } from '../connectors/telia/connector';
import { InnovaphoneConnector } from '../connectors/innovaphone/connector';
import type { ConsoleConfig } from './config';
import type { ConnectorFactory } from './connector';

export function connectorFactories(config: ConsoleConfig): ConnectorFactory[] {
  return config.connections.map((connection) => {
    switch (connection.vendor) {
      case 'telserver':
        return (host) => new TelServerConnector(connection, host, config.defaultCountry);
      case 'portasip':
        return (host) => new PortaSipConnector(connection, host, config.defaultCountry);
      case 'telia':
        return (host) => new TeliaConnector(connection, host, config.defaultCountry);
      case 'innovaphone':
        return (host) => new InnovaphoneConnector(connection, host, config.defaultCountry);
    }
  });
}
