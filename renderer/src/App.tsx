import { CallList } from './components/CallList';
import { CentrexView } from './components/centrex/CentrexView';
import { ConnectionBar } from './components/ConnectionBar';
import { DialBox } from './components/DialBox';
import { DirectorySearch } from './components/DirectorySearch';
import { History } from './components/History';
import { LinePanel } from './components/LinePanel';
import { Notices } from './components/Notices';
import { PhonebookPanel } from './components/phonebook/PhonebookPanel';
import { PresenceGrid } from './components/presence/PresenceGrid';
import { RingingBanner } from './components/RingingBanner';
import { ShortcutHelp } from './components/ShortcutHelp';
import { useGlobalShortcuts } from './keyboard/shortcuts';

/** One window: links on top, the calls in the middle, finding and dialing on the left, history on the right. */
export function App() {
  useGlobalShortcuts();
  return (
    <div className="app">
      <ConnectionBar />
      <RingingBanner />
      <Notices />
      <main className="workspace">
        <div className="column column--tools">
          <LinePanel />
          <DialBox />
          <DirectorySearch />
          <PhonebookPanel />
          <ShortcutHelp />
        </div>
        <div className="column column--calls">
          <CallList />
          <CentrexView />
          <PresenceGrid />
        </div>
        <div className="column column--history">
          <History />
        </div>
      </main>
    </div>
  );
}
