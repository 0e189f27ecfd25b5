import { useEffect, useState } from 'react';
import { call, messageOf } from './api/client.ts';
import { CaseList } from './features/cases/CaseList.tsx';
import { Workspace } from './features/workspace/Workspace.tsx';
import { VerifyScreen } from './features/verify/VerifyScreen.tsx';
import { SettingsScreen } from './features/settings/SettingsScreen.tsx';
import { restoreIdentity } from './features/identity/IdentityPicker.tsx';

type Screen = { name: 'cases' } | { name: 'case'; caseId: string } | { name: 'verify' } | { name: 'settings' };

const SAMPLE_SHOWN = 'credence.sampleShown';

export function App() {
  const [screen, setScreen] = useState<Screen | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([call('app.info', {}), restoreIdentity()])
      .then(([info]) => {
        // First run: open the sample case so a newcomer sees a real workspace at once.
        if (info.sampleCaseId && !localStorage.getItem(SAMPLE_SHOWN)) {
          localStorage.setItem(SAMPLE_SHOWN, '1');
          setScreen({ name: 'case', caseId: info.sampleCaseId });
        } else setScreen({ name: 'cases' });
      })
      .catch((err) => setFatal(messageOf(err)));
  }, []);

  if (fatal) {
    return (
      <main className="fatal" role="alert">
        <h1>Credence could not open its workspace</h1>
        <p>{fatal}</p>
      </main>
    );
  }
  if (!screen) return <main className="loading" aria-busy="true" />;
  if (screen.name === 'case') return <Workspace caseId={screen.caseId} onClose={() => setScreen({ name: 'cases' })} />;
  if (screen.name === 'verify') return <VerifyScreen onClose={() => setScreen({ name: 'cases' })} />;
  if (screen.name === 'settings') return <SettingsScreen onClose={() => setScreen({ name: 'cases' })} />;
  return <CaseList onOpen={(caseId) => setScreen({ name: 'case', caseId })} onVerify={() => setScreen({ name: 'verify' })} onSettings={() => setScreen({ name: 'settings' })} />;
}
