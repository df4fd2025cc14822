/**
 * Click-to-dial in a browser (the desktop app asks in its own dialog): a link
 * reaches the page in its address (`?link=tel:…`) or is held by the console
 * (`serve --open-link`). The core checks and resolves it (app/contract.ts
 * `openLink`: the line, the number formatted, the directory's name) and
 * never dials it; the page asks the receptionist, unless Settings turned that
 * off, and then sends the ordinary dial command, which the core checks again.
 * Every refusal is an error notice saying why.
 */
import type { AttendantApi, LinkDialRequest, LinkOffer } from '../../../app/contract';
import { msg } from '../../../app/i18n/message';
import { messageOfError } from '../bridge/bridge-error';
import type { SliceCreator } from './types';

export interface LinkSlice {
  /** The link the receptionist is asked to confirm now; null when none. */
  linkToConfirm: LinkDialRequest | null;
  /** A link waits for a line to come online: ask again when one does. */
  linkWaiting: boolean;
  /** Asks the core about a link: this one (the page's address had it), or without one whatever the console holds. */
  checkLink: (link?: string) => Promise<void>;
  /** Dials the link being confirmed (Enter on the dialog's Dial button). */
  confirmLink: () => Promise<boolean>;
  /** Dismisses the link being confirmed (Escape, Cancel): nothing is dialled. */
  cancelLink: () => void;
}

export function createLinkSlice(api: AttendantApi): SliceCreator<LinkSlice> {
  return (set, get) => {
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    async function dial(request: LinkDialRequest): Promise<boolean> {
      const dialled = await get().execute({ kind: 'dial', lineId: request.line.id, to: request.number });
      // No PBX here dials an extension from a link: the receptionist keys it in once answered.
      if (dialled && request.extension) {
        get().addNotice(
          msg('desktop.link.diallingExtension', { number: request.formatted, line: request.line.label, extension: request.extension }),
          'info',
        );
      }
      return dialled;
    }

    function receive(offer: LinkOffer): void {
      clearTimeout(retryTimer);
      set({ linkWaiting: offer.kind === 'waiting' });
      switch (offer.kind) {
        case 'none':
          return;
        case 'refused':
          get().addNotice(offer.error);
          return;
        case 'waiting':
          get().addNotice(msg('desktop.link.waiting', { number: offer.number }), 'info');
          // Asked again when a line comes online (LinkConfirm watches), or once the wait is over, to hear it expired.
          retryTimer = setTimeout(() => void get().checkLink(), offer.retryInMs);
          return;
        case 'confirm':
          // Confirmation is on unless the receptionist turned it off; settings not loaded yet count as on.
          if (get().settings?.preferences.confirmBeforeDial === false) void dial(offer.request);
          else set({ linkToConfirm: offer.request });
      }
    }

    return {
      linkToConfirm: null,
      linkWaiting: false,
      async checkLink(link) {
        try {
          receive(await api.openLink(link === undefined ? {} : { link }));
        } catch (error) {
          get().addNotice(messageOfError(error));
        }
      },
      async confirmLink() {
        const request = get().linkToConfirm;
        if (!request) return false;
        set({ linkToConfirm: null });
        return dial(request);
      },
      cancelLink() {
        const request = get().linkToConfirm;
        if (!request) return;
        set({ linkToConfirm: null });
        get().addNotice(msg('desktop.link.cancelled', { number: request.formatted }), 'info');
      },
    };
  };
}
