/**
 * Agent state on the receptionist's lines (TelServer's agentState): what the
 * console offers now, and what its one agent key does. The PBX says which
 * states are permitted next (`permittedStates`); 'busy' is the server's to
 * set and 'null' means the line is no agent, so neither is ever offered.
 */
import { SETTABLE_AGENT_STATES, type SettableAgentState } from './commands';
import type { AgentInfo, AgentState, Line } from './model';

export type AgentLine = Line & { agent: AgentInfo };

/** Whether the line is used by an agent (the PBX reports a state other than 'null'). */
export function isAgentLine(line: Line): line is AgentLine {
  return line.capabilities.includes('agent') && line.agent !== undefined && line.agent.state !== 'null';
}

function settable(state: AgentState): state is SettableAgentState {
  return SETTABLE_AGENT_STATES.some((candidate) => candidate === state);
}

/**
 * The states the receptionist can switch to now, in a fixed order (log in,
 * ready, not ready, log out): the PBX's permitted states when it names them,
 * else what an agent can always ask for in the current state.
 */
export function agentChoices(agent: AgentInfo): SettableAgentState[] {
  const order: readonly SettableAgentState[] = ['loggedOn', 'ready', 'notReady', 'loggedOff'];
  const allowed: readonly SettableAgentState[] =
    agent.permittedStates.length > 0
      ? agent.permittedStates.filter(settable)
      : agent.state === 'loggedOff'
        ? ['loggedOn']
        : ['ready', 'notReady', 'loggedOff'];
  return order.filter((state) => state !== agent.state && allowed.includes(state));
}

/**
 * What the agent key does: logged off → log in; ready → not ready; not
 * ready, logged on or working after a call → ready. Undefined when that is
 * not offered now (busy: the server decides).
 */
export function agentKeyTarget(agent: AgentInfo): SettableAgentState | undefined {
  const wanted: SettableAgentState | undefined =
    agent.state === 'loggedOff'
      ? 'loggedOn'
      : agent.state === 'ready'
        ? 'notReady'
        : agent.state === 'busy' || agent.state === 'null'
          ? undefined
          : 'ready';
  return wanted && agentChoices(agent).includes(wanted) ? wanted : undefined;
}
