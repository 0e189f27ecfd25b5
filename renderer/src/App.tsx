import { useEffect, useState } from 'react';
import { call, messageOf } from './api/client.ts';
import { CaseList } from './features/cases/CaseList.tsx';
import { Workspace } from './features/workspace/Workspace.tsx';
import { VerifyScreen } from './features/verify/VerifyScreen.tsx';
import { SettingsScreen } from './features/settings/SettingsScreen.tsx';
import { IdentityDialog } from './features/identity/IdentityPicker.tsx';

type Screen = { name: 'cases' } | { name: 'case'; caseId: string } | { name: 'verify' } | { name: 'settings' };

const SAMPLE_SHOWN = 'credence.sampleShown';

export function App() {
  const [screen, setScreen] = useState<Screen | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  // First run: a workspace with no identity asks who you are (the sample case is there to look at).
  const [firstRun, setFirstRun] = useState(false);
  // Remounts the screen once the first identity exists, so its picker shows who acts.
  const [who, setWho] = useState(0);

  useEffect(() => {
    Promise.all([call('app.info', {}), call('identity.list', {})])
      .then(([info, identities]) => {
        setFirstRun(identities.length === 0);
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
  return (
    <>
      <Screen key={who} screen={screen} setScreen={setScreen} />
      {firstRun && (
        <IdentityDialog
          firstRun
          onClose={() => setFirstRun(false)}
          onCreated={() => {
            setFirstRun(false);
            setWho((n) => n + 1);
          }}
        />
      )}
    </>
  );
}

function Screen({ screen, setScreen }: { screen: Screen; setScreen: (s: Screen) => void }) {
  if (screen.name === 'case') return <Workspace caseId={screen.caseId} onClose={() => setScreen({ name: 'cases' })} />;
  if (screen.name === 'verify') return <VerifyScreen onClose={() => setScreen({ name: 'cases' })} />;
  if (screen.name === 'settings') return <SettingsScreen onClose={() => setScreen({ name: 'cases' })} />;
  return <CaseList onOpen={(caseId) => setScreen({ name: 'case', caseId })} onVerify={() => setScreen({ name: 'verify' })} onSettings={() => setScreen({ name: 'settings' })} />;
}
