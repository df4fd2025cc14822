import { CallList } from './components/CallList';
import { CentrexView } from './components/centrex/CentrexView';
import { ConnectionBar } from './components/ConnectionBar';
import { ContactsPanel } from './components/contacts/ContactsPanel';
import { Finder } from './components/Finder';
import { FocusKeeper } from './components/FocusKeeper';
import { JournalView } from './components/journal/JournalView';
import { LinePanel } from './components/LinePanel';
import { LinkConfirm } from './components/LinkConfirm';
import { Notices } from './components/Notices';
import { PhonebookPanel } from './components/phonebook/PhonebookPanel';
import { PresenceGrid } from './components/presence/PresenceGrid';
import { QueueView } from './components/queues/QueueView';
import { RingingBanner } from './components/RingingBanner';
import { SettingsPage } from './components/settings/SettingsPage';
import { ShortcutHelp } from './components/ShortcutHelp';
import { RingSound } from './sound/RingSound';
import { StateAnnouncer } from './components/StateAnnouncer';
import { useGlobalShortcuts } from './keyboard/shortcuts';
import { useAttendant } from './store/context';

/**
 * One window that never scrolls as a whole: the connections and the ringing
 * banner on top, then the calls (waiting above, in progress below), the
 * finder with the colleagues, and the journal with the line — each region
 * scrolling on its own, so the oldest ringing call and the active call stay
 * in view whatever else grows.
 */
export function App() {
  const settingsOpen = useAttendant((s) => s.settingsOpen);
  return (
    <div className="app">
      <ConnectionBar />
      <RingingBanner />
      <Notices />
      <LinkConfirm />
      <StateAnnouncer />
      <RingSound />
      {settingsOpen ? <SettingsPage /> : <Workspace />}
    </div>
  );
}

/** The console itself; its keys act only while it is shown, never while typing settings. */
function Workspace() {
  useGlobalShortcuts();
  return (
    <main className="workspace">
      <FocusKeeper />
      <div className="region region--calls">
        <QueueView />
        <CallList />
      </div>
      <div className="region region--finder">
        <Finder />
        <PresenceGrid />
        <CentrexView />
        <PhonebookPanel />
        <ContactsPanel />
      </div>
      <div className="region region--side">
        <JournalView />
        <LinePanel />
        <ShortcutHelp />
      </div>
    </main>
  );
}
