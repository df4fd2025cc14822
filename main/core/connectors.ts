/**
 * Which connector serves which vendor. The one place that knows every
 * vendor folder; the rest of the core works on the Connector interface.
 */
import { TelServerConnector } from '../connectors/telserver/connector';
import { PortaSipConnector } from '../connectors/portasip/connector';
import { TeliaConnector } from '../connectors/telia/connector';
import { InnovaphoneConnector } from '../connectors/innovaphone/connector';
import type { ConnectionConfig, ConsoleConfig } from './config';
import type { ConnectorFactory } from './connector';

export function connectorFactories(config: ConsoleConfig): ConnectorFactory[] {
  return config.connections.map((connection) => connectorFor(connection, config.defaultCountry));
}

/** One connection's connector (also for connections added or tested at runtime). */
export function connectorFor(connection: ConnectionConfig, defaultCountry: string): ConnectorFactory {
  switch (connection.vendor) {
    case 'telserver':
      return (host) => new TelServerConnector(connection, host, defaultCountry);
    case 'portasip':
      return (host) => new PortaSipConnector(connection, host, defaultCountry);
    case 'telia':
      return (host) => new TeliaConnector(connection, host, defaultCountry);
    case 'innovaphone':
      return (host) => new InnovaphoneConnector(connection, host, defaultCountry);
  }
}
