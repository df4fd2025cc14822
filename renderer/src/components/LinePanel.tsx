import { useState, type FormEvent } from 'react';
import { isAgentLine } from '../../../app/agent';
import type { Line } from '../../../app/model';
import { forwardText, lineLabel } from '../format/labels';
import { useT } from '../i18n/language';
import { useActions, useAttendant } from '../store/context';
import { selectCurrentLine, selectLines } from '../store/selectors';
import { AgentControl } from './AgentControl';
import { NumberField } from './NumberField';

/** The line calls are dialled from: its number, do-not-disturb, forwarding and message waiting. */
export function LinePanel() {
  const lines = useAttendant(selectLines);
  const line = useAttendant(selectCurrentLine);
  const { selectLine } = useActions();
  const t = useT();

  return (
    <section className="panel line-panel" aria-labelledby="line-heading">
      <h2 id="line-heading">{t('line.heading')}</h2>
      {!line && <p className="muted">{t('line.none')}</p>}
      {lines.length > 1 && line && (
        <label className="field">
          <span>{t('line.select')}</span>
          <select value={line.id} onChange={(event) => selectLine(event.target.value)}>
            {lines.map((option) => (
              <option key={option.id} value={option.id}>
                {lineLabel(option, t)} ({option.number})
              </option>
            ))}
          </select>
        </label>
      )}
      {line && <LineDetails line={line} />}
    </section>
  );
}

function LineDetails({ line }: { line: Line }) {
  const { setDnd } = useActions();
  const t = useT();
  return (
    <div className="line-details">
      <p className="line-details__name">
        <span className="line-details__label">{lineLabel(line, t)}</span> <span className="line-details__number">{line.number}</span>
      </p>
      {line.messageWaiting && (
        <p className="message-waiting" role="status">
          {t('line.messageWaiting')}
        </p>
      )}
      <div className="line-toggles">
        {line.capabilities.includes('dnd') && (
          <button type="button" className="toggle" aria-pressed={line.dnd} onClick={() => void setDnd(line, !line.dnd)}>
            {t('line.dnd')}
          </button>
        )}
        {line.capabilities.includes('forward') && <ForwardControl key={line.id} line={line} />}
      </div>
      {line.capabilities.includes('caller-name') && <CallerNameControl key={`name-${line.id}`} line={line} />}
      {isAgentLine(line) && <AgentControl line={line} />}
      {line.forwards.map((forward) => (
        <p key={`${forward.type}-${forward.to}`} className="forward-state">
          {forwardText(forward, t)}
        </p>
      ))}
    </div>
  );
}

/** The Forward toggle: turning it on asks for the number first; turning it off clears the immediate forward. */
function ForwardControl({ line }: { line: Line }) {
  const { setImmediateForward, clearImmediateForward } = useActions();
  const t = useT();
  const [asking, setAsking] = useState(false);
  const [target, setTarget] = useState('');
  const forwarded = line.forwards.some((forward) => forward.type === 'immediate');

  function toggle() {
    if (forwarded) void clearImmediateForward(line);
    else setAsking((open) => !open);
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (await setImmediateForward(line, target)) {
      setAsking(false);
      setTarget('');
    }
  }

  return (
    <>
      <button type="button" className="toggle" aria-pressed={forwarded} onClick={toggle}>
        {t('line.forward')}
      </button>
      {asking && !forwarded && (
        <form className="inline-form" onSubmit={(event) => void submit(event)}>
          <NumberField
            label={t('line.forwardTo')}
            value={target}
            onChange={setTarget}
            onEnter={() => void submit()}
            onEscape={() => setAsking(false)}
            autoFocus
          />
          <button type="submit">{t('line.setForward')}</button>
        </form>
      )}
    </>
  );
}

/** The name the people this line calls see (Telia: updateCallingLineNameIdentity). */
function CallerNameControl({ line }: { line: Line }) {
  const { execute } = useActions();
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await execute({ kind: 'setCallerName', lineId: line.id, name: name.trim() })) {
      setEditing(false);
      setName('');
    }
  }

  if (!editing) {
    return (
      <button type="button" onClick={() => setEditing(true)}>
        {t('line.setCallerName')}
      </button>
    );
  }
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)}>
      <label className="field">
        <span>{t('line.callerName')}</span>
        <input type="text" autoComplete="off" autoFocus maxLength={64} value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={!name.trim()}>
        {t('line.saveCallerName')}
      </button>
      <button type="button" onClick={() => setEditing(false)}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
