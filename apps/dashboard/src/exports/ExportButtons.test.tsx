import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { overviewAnswer, treeAnswers } from '../test/fixtures';
import { renderWithApi } from '../test/render';
import { Overview } from '../views/Overview';
import { ExportButtons } from './ExportButtons';

vi.mock('../charts/GoalSharesChart', () => ({ default: () => <div>goal shares chart</div> }));
vi.mock('../charts/HorizonChart', () => ({ default: () => <div>horizon chart</div> }));
vi.mock('../charts/WorkTypeChart', () => ({ default: () => <div>work type chart</div> }));
vi.mock('../charts/AlignmentSunburst', () => ({ default: () => <div>sunburst</div> }));

/** The export requests the buttons send (the GraphQL ones go through urql's own fetch). */
let requests: { url: string; authorization: string | null }[];
let saved: { blob: Blob; name: string }[];

beforeEach(() => {
  requests = [];
  saved = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      requests.push({ url, authorization: new Headers(init?.headers).get('authorization') });
      if (url.includes('measure=HOURS'))
        return new Response(JSON.stringify({ code: 'BAD_USER_INPUT', message: 'measure: bad' }), {
          status: 400,
        });
      const pdf = url.startsWith('/exports/summary.pdf');
      return new Response(pdf ? '%PDF-1.3' : 'Scope\r\n', {
        status: 200,
        headers: {
          'content-type': pdf ? 'application/pdf' : 'text/csv',
          'content-disposition': `attachment; filename="${pdf ? 'summary-2027-01-20.pdf' : 'overview-2027-01-20.csv'}"`,
        },
      });
    }),
  );
  let blob: Blob | null = null;
  URL.createObjectURL = vi.fn((b: Blob) => {
    blob = b;
    return 'blob:export';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    saved.push({ blob: blob!, name: this.download });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('export buttons', () => {
  it("download the overview's CSV and PDF with the session's token and the view's filters", async () => {
    renderWithApi(<Overview />, {
      route: '/?team=PLAT&team=PAY&sprint=PLAT-S24&measure=COUNT',
      responses: { Overview: overviewAnswer, ...treeAnswers },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    // the buttons wait while one download runs
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Download PDF' })).toHaveProperty(
        'disabled',
        false,
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Download PDF' }));
    await waitFor(() => expect(saved).toHaveLength(2));
    const query = '?team=PLAT&team=PAY&sprint=PLAT-S24&measure=COUNT';
    expect(requests).toEqual([
      { url: `/exports/overview.csv${query}`, authorization: 'Bearer test-token' },
      { url: `/exports/summary.pdf${query}`, authorization: 'Bearer test-token' },
    ]);
    expect(saved.map((s) => s.name)).toEqual(['overview-2027-01-20.csv', 'summary-2027-01-20.pdf']);
    expect(await saved[1].blob.text()).toBe('%PDF-1.3');
  });

  it("shows the server's refusal instead of saving a file", async () => {
    renderWithApi(<ExportButtons csvPath="/exports/overview.csv" query="?measure=HOURS" />, {
      responses: {},
    });
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect((await screen.findByRole('alert')).textContent).toBe(' Download failed: measure: bad');
    expect(saved).toHaveLength(0);
  });
});
