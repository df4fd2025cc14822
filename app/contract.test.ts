import { describe, expect, it } from 'vitest';
import { commandSchema } from './commands';
import { parseBridgeClientFrame, parseBridgeServerFrame, parseReply, parseRequest } from './contract';
import { parseWith, SchemaError } from './validation/schema';

const validateCommand = (value: unknown) => parseWith(commandSchema, value, 'command');

describe('validateCommand', () => {
  it.each([
    { kind: 'answer', callId: 'ts/1100#1.1' },
    { kind: 'consult', callId: 'c', to: '1103' },
    { kind: 'dial', lineId: 'ts/1100', to: '+372 640 1234' },
    { kind: 'setDnd', lineId: 'l', enabled: true },
    { kind: 'setForward', lineId: 'l', enabled: true, type: 'immediate', to: '1102' },
    { kind: 'setForward', lineId: 'l', enabled: false, type: 'busy' },
    { kind: 'setAgentState', lineId: 'l', state: 'ready' },
  ])('accepts %j', (command) => {
    expect(validateCommand(command)).toEqual(command);
  });

  it.each([
    [null, 'command'],
    ['answer', 'command'],
    [{ kind: 'explode', callId: 'c' }, 'kind'],
    [{ kind: 'answer' }, 'callId'],
    [{ kind: 'answer', callId: 42 }, 'callId'],
    [{ kind: 'answer', callId: '' }, 'callId'],
    [{ kind: 'answer', callId: 'c', extra: 1 }, 'extra'],
    [{ kind: 'consult', callId: 'c' }, 'to'],
    [{ kind: 'dial', lineId: 'l', to: 'x'.repeat(65) }, 'to'],
    [{ kind: 'setDnd', lineId: 'l', enabled: 'yes' }, 'enabled'],
    [{ kind: 'setForward', lineId: 'l', enabled: true, type: 'immediate' }, 'to'],
    [{ kind: 'setForward', lineId: 'l', enabled: true, type: 'sideways', to: '1' }, 'type'],
    [{ kind: 'setAgentState', lineId: 'l', state: 'busy' }, 'state'],
    [Object.assign(Object.create({ polluted: true }), { kind: 'answer', callId: 'c' }), 'command'],
  ])('rejects %j naming %s', (command, path) => {
    expect(() => validateCommand(command)).toThrow(SchemaError);
    try {
      validateCommand(command);
    } catch (error) {
      expect((error as SchemaError).problems.map((p) => p.path).join(' ')).toContain(path);
    }
  });

  it('rejects a __proto__ key', () => {
    expect(() => validateCommand(JSON.parse('{"kind":"answer","callId":"c","__proto__":{"x":1}}'))).toThrow(SchemaError);
  });
});

describe('parseRequest', () => {
  it('checks each method params', () => {
    expect(parseRequest('searchDirectory', { text: 'Mar' })).toEqual({ text: 'Mar' });
    expect(() => parseRequest('searchDirectory', { text: 'x'.repeat(500) })).toThrow(SchemaError);
    expect(() => parseRequest('searchDirectory', { text: 'a', limit: 10_000 })).toThrow(SchemaError);
    expect(parseRequest('reconnect', 'ts')).toBe('ts');
    expect(() => parseRequest('reconnect', { id: 'ts' })).toThrow(SchemaError);
    expect(() => parseRequest('subscribe', { evil: true })).toThrow(SchemaError);
  });
});

describe('bridge frames', () => {
  it('parses a valid client frame', () => {
    expect(parseBridgeClientFrame('{"id":1,"method":"execute","params":{"kind":"hangup","callId":"c"}}')).toEqual({
      id: 1,
      method: 'execute',
      params: { kind: 'hangup', callId: 'c' },
    });
  });
  it.each([
    'not json',
    '[]',
    '{"id":"1","method":"execute"}',
    '{"id":1,"method":"eval"}',
    '{"id":1,"method":"subscribe","x":1}',
    'x'.repeat(20_000),
  ])('rejects frame %#', (text) => {
    expect(() => parseBridgeClientFrame(text)).toThrow(SchemaError);
  });
  it('checks server frames', () => {
    expect(parseBridgeServerFrame('{"id":3,"result":{"ok":true}}')).toEqual({ id: 3, result: { ok: true } });
    expect(parseBridgeServerFrame('{"push":"state","message":{"type":"patch","seq":2,"changes":[]}}')).toMatchObject({ push: 'state' });
    expect(() => parseBridgeServerFrame('{"push":"state","message":{"type":"nuke"}}')).toThrow();
    expect(() => parseBridgeServerFrame('{"hello":1}')).toThrow();
  });
});

describe('replies', () => {
  it('checks each method reply against what it answers', () => {
    expect(parseReply('execute', { ok: false, error: { key: 'command.callEnded' } })).toEqual({
      ok: false,
      error: { key: 'command.callEnded' },
    });
    expect(() => parseReply('execute', { ok: false, error: 'That call has ended.' })).toThrow(SchemaError);
    expect(() => parseReply('execute', { ok: false, error: { key: 'no.such.key' } })).toThrow(SchemaError);
    const answer = {
      entries: [{ number: '1101', name: 'Marcel', source: 'PBX', presence: { activity: 'busy' } }],
      vendorsPending: true,
      failures: [],
    };
    expect(parseReply('searchDirectory', answer).entries).toHaveLength(1);
    expect(() => parseReply('searchDirectory', [{ number: '1101', name: 'Marcel', source: 'PBX' }])).toThrow(SchemaError);
    expect(() => parseReply('searchDirectory', { ...answer, failures: [{ source: 'PBX', error: 'down' }] })).toThrow(SchemaError);
    expect(() => parseReply('getSettings', { connections: 'none' })).toThrow(SchemaError);
    expect(parseReply('showCall', null)).toBeNull();
  });
});

describe('contacts replies', () => {
  const contact = { id: 'c1', firstName: 'Maria', numbers: [{ number: '+3726401234', type: 'work' }] };
  const refusal = { ok: false, error: { key: 'directory.contact.gone' } };

  it('a save answers the saved contact and a delete the removed id, never the list', () => {
    expect(parseReply('saveContact', { ok: true, saved: contact })).toEqual({ ok: true, saved: contact });
    expect(parseReply('deleteContact', { ok: true, removed: 'c1' })).toEqual({ ok: true, removed: 'c1' });
    expect(() => parseReply('saveContact', { ok: true, contacts: [contact] })).toThrow(SchemaError);
    expect(() => parseReply('saveContact', { ok: true, saved: contact, contacts: [contact] })).toThrow(SchemaError);
    expect(() => parseReply('deleteContact', { ok: true, contacts: [] })).toThrow(SchemaError);
    expect(() => parseReply('saveContact', { ok: true, saved: { ...contact, numbers: 'none' } })).toThrow(SchemaError);
    expect(parseReply('saveContact', refusal)).toEqual(refusal);
    expect(parseReply('deleteContact', refusal)).toEqual(refusal);
    expect(parseReply('listContacts', { ok: true, contacts: [contact] })).toEqual({ ok: true, contacts: [contact] });
  });
});
