import { CallList } from './components/CallList';
import { CentrexView } from './components/centrex/CentrexView';
import { ConnectionBar } from './components/ConnectionBar';
import { ContactsPanel } from './components/contacts/ContactsPanel';
import { DialBox } from './components/DialBox';
import { DirectorySearch } from './components/DirectorySearch';
import { JournalView } from './components/journal/JournalView';
import { LinePanel } from './components/LinePanel';
import { Notices } from './components/Notices';
import { PhonebookPanel } from './components/phonebook/PhonebookPanel';
import { PresenceGrid } from './components/presence/PresenceGrid';
import { RingingBanner } from './components/RingingBanner';
import { SettingsPage } from './components/settings/SettingsPage';
import { ShortcutHelp } from './components/ShortcutHelp';
import { useGlobalShortcuts } from './keyboard/shortcuts';
import { useAttendant } from './store/context';

/** One window: links on top, the calls in the middle, finding and dialing on the left, the journal on the right. */
export function App() {
  const settingsOpen = useAttendant((s) => s.settingsOpen);
  return (
    <div className="app">
      <ConnectionBar />
      <RingingBanner />
      <Notices />
      {settingsOpen ? <SettingsPage /> : <Workspace />}
    </div>
  );
}

/** The console itself; its keys (Enter answers, Escape clears…) act only while it is shown, never while typing settings. */
function Workspace() {
  useGlobalShortcuts();
  return (
    <main className="workspace">
      <div className="column column--tools">
        <LinePanel />
        <DialBox />
        <DirectorySearch />
        <ContactsPanel />
        <PhonebookPanel />
        <ShortcutHelp />
      </div>
      <div className="column column--calls">
        <CallList />
        <CentrexView />
        <PresenceGrid />
      </div>
      <div className="column column--history">
        <JournalView />
      </div>
    </main>
  );
}
