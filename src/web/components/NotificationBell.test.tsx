// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../i18n';
import { NotificationBell } from './NotificationBell';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as never;
window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {}, onchange: null, dispatchEvent: () => false })) as never;

const notices = {
  total: 2,
  unread: 1,
  items: [
    { id: 'n1', kind: 'deadline_overdue', title: '京朝检行反受〔2026〕3号 反向衔接审查已超期（2026-03-16）', body: '', link: '/cases/c1', dueOn: '2026-03-16', createdAt: '2026-03-17T01:00:00Z', read: false },
    { id: 'n2', kind: 'deadline_due_soon', title: '京朝检行建〔2026〕1号 检察建议书回复即将到期（2026-07-08）', body: '', link: '/documents/d1', dueOn: '2026-07-08', createdAt: '2026-07-01T01:00:00Z', read: true },
  ],
};

let root: Root;
let container: HTMLDivElement;
const calls: { method: string; url: string }[] = [];

beforeEach(() => {
  calls.length = 0;
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    calls.push({ method: init?.method ?? 'GET', url });
    const body = url.startsWith('/api/notifications?') ? notices : { id: 'n1', read: true };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  });
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  vi.unstubAllGlobals();
});

describe('NotificationBell', () => {
  it('shows the unread count, lists the reminders, and opening one marks it read and follows its link', async () => {
    await act(async () => {
      root.render(
        <QueryClientProvider client={new QueryClient()}>
          <MemoryRouter initialEntries={['/']}>
            <Routes>
              <Route path="/" element={<NotificationBell />} />
              <Route path="/cases/:id" element={<p data-testid="case-page">case</p>} />
            </Routes>
          </MemoryRouter>
        </QueryClientProvider>,
      );
    });
    await vi.waitFor(() => expect(container.querySelector('.ant-badge-count')?.textContent).toBe('1'));
    await act(async () => (container.querySelector('[data-testid="notification-bell"]') as HTMLElement).click());
    const list = await vi.waitFor(() => {
      const el = document.querySelector('[data-testid="notifications"]');
      expect(el).not.toBeNull();
      return el!;
    });
    expect(list.textContent).toContain('反向衔接审查已超期');
    expect(list.textContent).toContain('检察建议书回复即将到期');
    await act(async () => (list.querySelector('.ant-list-item') as HTMLElement).click());
    await vi.waitFor(() => expect(container.querySelector('[data-testid="case-page"]')).not.toBeNull());
    expect(calls).toContainEqual({ method: 'POST', url: '/api/notifications/n1/read' });
  });
});
