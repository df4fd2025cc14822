import { describe, expect, it } from 'vitest';
import { agentChoices, agentKeyTarget, isAgentLine } from './agent';
import type { AgentInfo } from './model';
import { line } from './testing/fixtures';

const agent = (state: AgentInfo['state'], permittedStates: AgentInfo['permittedStates'] = []): AgentInfo => ({
  state,
  permittedStates,
  inboundServices: [],
});

describe('agent state', () => {
  it('offers the PBX’s permitted states, never busy, null or the current one', () => {
    // The document's queryAgentState example: working after call, permitted ready / not ready / working after call.
    expect(agentChoices(agent('workingAfterCall', ['ready', 'notReady', 'workingAfterCall']))).toEqual(['ready', 'notReady']);
    expect(agentChoices(agent('ready', ['busy', 'notReady', 'loggedOff', 'null']))).toEqual(['notReady', 'loggedOff']);
    // The PBX permits nothing a receptionist can ask for (busy on a call): nothing is offered.
    expect(agentChoices(agent('busy', ['busy']))).toEqual([]);
  });

  it('without permitted states: log in when logged off, else ready, not ready and log out', () => {
    expect(agentChoices(agent('loggedOff'))).toEqual(['loggedOn']);
    expect(agentChoices(agent('notReady'))).toEqual(['ready', 'loggedOff']);
    expect(agentChoices(agent('busy'))).toEqual(['ready', 'notReady', 'loggedOff']);
  });

  it('the agent key logs in, toggles ready and not ready, and does nothing while busy or when not offered', () => {
    expect(agentKeyTarget(agent('loggedOff'))).toBe('loggedOn');
    expect(agentKeyTarget(agent('loggedOn'))).toBe('ready');
    expect(agentKeyTarget(agent('ready'))).toBe('notReady');
    expect(agentKeyTarget(agent('notReady'))).toBe('ready');
    expect(agentKeyTarget(agent('workingAfterCall'))).toBe('ready');
    expect(agentKeyTarget(agent('busy'))).toBeUndefined();
    expect(agentKeyTarget(agent('ready', ['loggedOff']))).toBeUndefined();
  });

  it('a line is an agent line when it has the capability and a state other than null', () => {
    expect(isAgentLine(line({ capabilities: ['agent'], agent: agent('ready') }))).toBe(true);
    expect(isAgentLine(line({ capabilities: ['agent'], agent: agent('null') }))).toBe(false);
    expect(isAgentLine(line({ capabilities: ['agent'] }))).toBe(false);
    expect(isAgentLine(line({ capabilities: [], agent: agent('ready') }))).toBe(false);
  });
});
