import { useEffect, useId, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { LinkDialRequest } from '../../../app/contract';
import { useT } from '../i18n/language';
import { useActions, useAttendant, useAttendantStore } from '../store/context';
import { selectRingingCalls } from '../store/selectors';
import { placeFocusOnNextStep } from './CallRow';
import './link-confirm.css';

/** The page's address parameter that carries a clicked link (`…/?token=…&link=tel:…`). */
export const LINK_PARAM = 'link';

/**
 * The link the page was opened with, taken out of the address at once, so a reload or a bookmark never offers
 * it again (the token stays).
 */
export function takeLinkFromAddress(win: Pick<Window, 'location' | 'history'>): string | undefined {
  const url = new URL(win.location.href);
  const link = url.searchParams.get(LINK_PARAM);
  if (link === null) return undefined;
  url.searchParams.delete(LINK_PARAM);
  win.history.replaceState(win.history.state, '', url.href);
  return link;
}

/**
 * Browser mode's click-to-dial (store/link-slice.ts): asks the core about a link whenever the bridge connects
 * (the page's own link first, then whatever the console holds) and again when a line comes online for a waiting
 * link, and shows the confirmation.
 */
export function LinkConfirm() {
  const bridge = useAttendant((s) => s.bridge);
  const waiting = useAttendant((s) => s.linkWaiting);
  const online = useAttendant((s) => Object.values(s.console.connections).filter((c) => c.state === 'online').length);
  const request = useAttendant((s) => s.linkToConfirm);
  const { checkLink } = useActions();
  const ownLink = useRef<{ link: string | undefined } | null>(null);

  useEffect(() => {
    if (bridge !== 'connected') return;
    // The address is read once; its link is asked about once, later connections ask for the held one only.
    const own = ownLink.current ?? { link: takeLinkFromAddress(window) };
    ownLink.current = { link: undefined };
    void checkLink(own.link);
  }, [bridge, checkLink]);

  useEffect(() => {
    if (waiting && online > 0) void checkLink();
  }, [waiting, online, checkLink]);

  return request ? <LinkConfirmDialog key={request.link + request.line.id} request={request} /> : null;
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal question: the number as the receptionist reads it, the directory's name when known, the line it dials
 * on. The focus starts on Dial (Enter dials), Escape cancels, Tab stays inside, and the focus goes back where it
 * was. While it is open no console key reaches through it (keyboard/shortcuts.ts), and a call that starts ringing
 * is named in it as well as in the banner above, which the dialog leaves in view: it is answered once this is closed.
 */
export function LinkConfirmDialog({ request }: { request: LinkDialRequest }) {
  const t = useT();
  const { confirmLink, cancelLink } = useActions();
  const store = useAttendantStore();
  const ringing = useAttendant((s) => selectRingingCalls(s).length);
  const titleId = useId();
  const questionId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const dialRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const before = document.activeElement;
    dialRef.current?.focus();
    return () => {
      // Back where it was; when that is gone (or was nowhere: the page just opened), to the next step.
      if (before instanceof HTMLElement && before.isConnected && before !== document.body) before.focus();
      else placeFocusOnNextStep(store);
    };
  }, [store]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      cancelLink();
    } else if (event.key === 'Enter') {
      // Enter presses the focused button (Dial unless the receptionist moved to Cancel); on the dialog itself, it dials.
      event.preventDefault();
      if (event.target instanceof HTMLButtonElement) event.target.click();
      else if (event.target === dialogRef.current) void confirmLink();
    } else if (event.key === 'Tab') {
      const focusable = [...(dialogRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  const pressOutside = (event: MouseEvent<HTMLDivElement>) => {
    const inside = event.target instanceof Node && dialogRef.current?.contains(event.target);
    if (!inside) event.preventDefault();
  };

  const { formatted, name, line, extension } = request;
  const question = name
    ? t('desktop.link.confirmNamed', { number: formatted, name, line: line.label })
    : t('desktop.link.confirm', { number: formatted, line: line.label });
  return (
    // A press on the backdrop leaves the focus in the dialog (the focus never falls out of it to the page behind).
    <div className="link-confirm__backdrop" onMouseDown={pressOutside}>
      <div className="link-confirm__veil" />
      <div
        ref={dialogRef}
        tabIndex={-1}
        className="link-confirm"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={questionId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{t('desktop.link.title')}</h2>
        <p id={questionId} className="link-confirm__question">
          {question}
        </p>
        <dl className="link-confirm__facts">
          <dt>{t('link.confirm.number')}</dt>
          <dd className="link-confirm__number">{formatted}</dd>
          {name && (
            <>
              <dt>{t('link.confirm.name')}</dt>
              <dd>{name}</dd>
            </>
          )}
          <dt>{t('link.confirm.line')}</dt>
          <dd>{line.label}</dd>
        </dl>
        {extension && <p>{t('link.confirm.extension', { extension })}</p>}
        {ringing > 0 && <p className="link-confirm__ringing">{t('link.confirm.ringing', { count: ringing })}</p>}
        <div className="link-confirm__buttons">
          <button ref={dialRef} type="button" className="primary" onClick={() => void confirmLink()}>
            {t('desktop.link.dial')}
          </button>
          <button type="button" onClick={cancelLink}>
            {t('desktop.link.cancel')}
          </button>
        </div>
        <p className="muted">{t('link.confirm.keys')}</p>
      </div>
    </div>
  );
}
