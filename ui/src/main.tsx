import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { HostProvider, selectHost } from './host';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

selectHost().then((host) => {
  createRoot(root).render(
    <StrictMode>
      <HostProvider host={host}>
        <App />
      </HostProvider>
    </StrictMode>,
  );
});
