import { lineLabel } from '../../format/labels';
import './centrex.css';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef, type Ref } from 'react';
import type { MessageKey } from '../../../../app/i18n/message';
import { useT } from '../../i18n/language';
import { useAttendant } from '../../store/context';
import { CallRow } from '../CallRow';
import { selectCentrexExtensions, type ExtensionCalls } from './centrex-selectors';

/** An extension block's height before it is measured (a title and one call). */
const EXTENSION_ESTIMATE = 96;

/**
 * A whole PortaSIP Centrex on one screen: each watched extension with its
 * calls. The rows are the console's own CallRow, so every call offers
 * exactly the actions PortaSIP allows on it now. A virtual list, like the
 * call lists: only the extensions in view are in the page (a Centrex of 250
 * extensions and 1,000 calls costs a screenful). Shown only when a PortaSIP
 * connection is configured.
 */
export function CentrexView() {
  const extensions = useAttendant(selectCentrexExtensions);
  const scrollRef = useRef<HTMLDivElement>(null);
  // The React Compiler is not used, so the virtualiser's non-memoisable API (the lint's concern) is fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: extensions.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => EXTENSION_ESTIMATE,
    getItemKey: (index) => extensions[index]?.line.id ?? index,
    overscan: 3,
  });
  const t = useT();
  if (extensions.length === 0) return null;
  const busy = extensions.filter((e) => e.activity !== 'Idle').length;
  return (
    <section className="panel centrex" aria-labelledby="centrex-heading">
      <h2 id="centrex-heading">{t('centrex.heading')}</h2>
      <p className="muted">{t('centrex.summary', { extensions: t('centrex.extensions', { count: extensions.length }), busy })}</p>
      <div ref={scrollRef} className="centrex__viewport" data-virtual-viewport="">
        <ul role="list" className="centrex__extensions" aria-labelledby="centrex-heading" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const extension = extensions[item.index];
            return extension ? (
              <Extension key={item.key} extension={extension} index={item.index} start={item.start} measure={virtualizer.measureElement} />
            ) : null;
          })}
        </ul>
      </div>
    </section>
  );
}

const ACTIVITY_KEY: Record<ExtensionCalls['activity'], MessageKey> = {
  Ringing: 'centrex.activity.ringing',
  Talking: 'centrex.activity.talking',
  'On hold': 'centrex.activity.onHold',
  Idle: 'centrex.activity.idle',
};

const Extension = memo(function Extension({
  extension,
  index,
  start,
  measure,
}: {
  extension: ExtensionCalls;
  index: number;
  start: number;
  measure: Ref<HTMLLIElement>;
}) {
  const { line, callIds, activity } = extension;
  const t = useT();
  const headingId = `centrex-ext-${line.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <li
      ref={measure}
      data-index={index}
      style={{ transform: `translateY(${start}px)` }}
      className={`centrex__extension centrex__extension--${activity.replace(' ', '-').toLowerCase()}`}
      aria-labelledby={headingId}
    >
      <h3 id={headingId} className="centrex__title">
        <span className="centrex__label">{lineLabel(line, t)}</span> <span className="centrex__number">{line.number}</span>{' '}
        <span className="centrex__activity">{t(ACTIVITY_KEY[activity])}</span>
      </h3>
      {callIds.length > 0 && (
        <ul role="list" className="call-list" aria-label={t('centrex.callsOf', { line: lineLabel(line, t) })}>
          {callIds.map((id) => (
            <CallRow key={id} callId={id} />
          ))}
        </ul>
      )}
    </li>
  );
});
