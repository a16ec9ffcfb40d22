import PDFDocument from 'pdfkit';
import {
  effortUnit,
  formatGap,
  formatNumber,
  formatPercent,
  formatShare,
  reasonLabel,
  titleCase,
} from './display-format.js';
import type { SummaryExport } from './exports.service.js';

// A4 in points; everything is placed at computed positions so the summary stays on one page.
const PAGE = { width: 595.28, height: 841.89, margin: 40 };
const WIDTH = PAGE.width - 2 * PAGE.margin;
const LABEL_WIDTH = 190;
const BAR_WIDTH = 190;
const ROW = 15;
/** The lists of the page are capped so that it never runs onto a second one. */
const MAX_GOALS = 12;
const MAX_GAP_LINES = 3;
const MAX_PLAN_ROWS = 10;
const COLORS = { bar: '#3b6fd4', target: '#d0342c', muted: '#666666', track: '#e6e9ef' };

/**
 * The one-page A4 summary: organization and scope, aligned share, goal shares against targets
 * (bars drawn with PDFKit's vector primitives, a red tick at the target), the horizon mix against
 * the target mix, the top gaps and plan vs actual. Every figure is the export's (the API's), shown
 * with the dashboard's formats. The built-in Helvetica needs no font file; text is WinAnsi.
 */
export function summaryPdf(data: SummaryExport, generatedAt: Date): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    info: { Title: `Alignment summary: ${data.organization.name}`, Creator: 'Throughline' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc, data, generatedAt);
  doc.end();
  return done;
}

type Doc = InstanceType<typeof PDFDocument>;

function draw(doc: Doc, data: SummaryExport, generatedAt: Date): void {
  const { report, scope } = data;
  const unit = effortUnit(scope.measure);
  let y = PAGE.margin;

  doc.font('Helvetica-Bold').fontSize(16).fillColor('black');
  line(doc, `Alignment summary: ${data.organization.name}`, PAGE.margin, y, WIDTH);
  y += 22;
  doc.font('Helvetica').fontSize(9).fillColor(COLORS.muted);
  line(doc, scopeLabel(data), PAGE.margin, y, WIDTH);
  y += 12;
  line(
    doc,
    `Generated ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    PAGE.margin,
    y,
    WIDTH,
  );
  y += 20;

  doc.font('Helvetica-Bold').fontSize(22).fillColor('black');
  line(doc, formatShare(report.alignedShare), PAGE.margin, y, 90);
  doc.font('Helvetica').fontSize(10);
  line(
    doc,
    `aligned: of ${formatNumber(report.totalEffort)} ${unit} in scope (${formatNumber(report.ticketCount)} tickets, ${formatNumber(report.unestimatedTickets)} without points), ${formatNumber(report.alignedEffort)} reach a goal`,
    PAGE.margin + 90,
    y + 7,
    WIDTH - 90,
  );
  y += 36;

  y = heading(doc, 'Goal shares against targets', y);
  const goals = report.goals.slice(0, MAX_GOALS);
  for (const g of goals) {
    const info = data.goals.get(g.goalId);
    doc.font('Helvetica').fontSize(9).fillColor('black');
    line(doc, `${info?.key ?? ''} ${info?.title ?? ''}`, PAGE.margin, y, LABEL_WIDTH - 8);
    bar(doc, PAGE.margin + LABEL_WIDTH, y, g.share, g.targetShare);
    doc.fillColor('black');
    line(
      doc,
      `${formatPercent(g.percent)} target ${formatShare(g.targetShare)} gap ${formatGap(g.gap)}`,
      PAGE.margin + LABEL_WIDTH + BAR_WIDTH + 8,
      y,
      WIDTH - LABEL_WIDTH - BAR_WIDTH - 8,
    );
    y += ROW;
  }
  if (report.goals.length > goals.length)
    y = note(doc, `and ${report.goals.length - goals.length} more goals (see the CSV)`, y);
  if (report.goals.length === 0) y = note(doc, 'No active goal.', y);
  y = legend(doc, y);

  y = heading(doc, 'Horizon mix against the target mix', y);
  for (const h of report.horizons) {
    doc.font('Helvetica').fontSize(9).fillColor('black');
    line(doc, titleCase(h.horizon), PAGE.margin, y, LABEL_WIDTH - 8);
    bar(doc, PAGE.margin + LABEL_WIDTH, y, h.share, h.targetShare);
    doc.fillColor('black');
    line(
      doc,
      `${formatShare(h.share)} target ${formatShare(h.targetShare)}`,
      PAGE.margin + LABEL_WIDTH + BAR_WIDTH + 8,
      y,
      WIDTH - LABEL_WIDTH - BAR_WIDTH - 8,
    );
    y += ROW;
  }
  y += 6;

  y = heading(doc, 'Top gaps', y);
  const unaligned = [...report.unaligned]
    .sort((a, b) => b.effort - a.effort)
    .slice(0, MAX_GAP_LINES);
  y = list(
    doc,
    'Largest unaligned work',
    unaligned.map(
      (u) =>
        `${reasonLabel(u.reason)}: ${formatPercent(u.percent)}, ${formatNumber(u.effort)} ${unit}, ${u.ticketCount} tickets`,
    ),
    'Every ticket in scope reaches a goal.',
    y,
  );
  y = list(
    doc,
    'Drift from target',
    data.gaps.drift.slice(0, MAX_GAP_LINES).map((g) => {
      const info = data.goals.get(g.goalId);
      return `${info?.key ?? ''} ${info?.title ?? ''}: share ${formatPercent(g.percent)}, target ${formatShare(g.targetShare)}, gap ${formatGap(g.gap)}`;
    }),
    'No goal drifts beyond the threshold.',
    y,
  );
  y = list(
    doc,
    'Overdue check-ins',
    data.gaps.overdueCheckIns.slice(0, MAX_GAP_LINES).map((o) => {
      const what = o.keyResult
        ? `${o.keyResult.key} ${o.keyResult.title}`
        : `KPI ${o.kpi?.key ?? ''} ${o.kpi?.title ?? ''}`;
      return `${what}: ${formatNumber(Math.floor(o.daysOverdue))} days overdue`;
    }),
    'None.',
    y,
  );
  if (data.gaps.overdueCheckIns.length > MAX_GAP_LINES) {
    y = note(doc, `${data.gaps.overdueCheckIns.length} overdue in all`, y);
  }

  planSection(doc, data, y);
}

function planSection(doc: Doc, data: SummaryExport, top: number): void {
  let y = heading(
    doc,
    data.cycle ? `Plan vs actual: ${data.cycle.name} (${data.cycle.key})` : 'Plan vs actual',
    top,
  );
  const goal = (id: string) => {
    const info = data.goals.get(id);
    return `${info?.key ?? ''} ${info?.title ?? ''}`;
  };
  if (data.planVsActual) {
    const pva = data.planVsActual;
    y = note(
      doc,
      `Locked ${pva.baseline.createdAt.toISOString().slice(0, 10)} with ${formatNumber(pva.baseline.plannedEffort)} points planned; ${pva.scopeChangeCount} scope changes since. Actual: the cycle's tickets, in points.`,
      y,
    );
    y = tableRow(doc, ['Goal', 'Planned', 'Actual', 'Drift'], y, true);
    for (const g of pva.goals.slice(0, MAX_PLAN_ROWS)) {
      y = tableRow(
        doc,
        [
          goal(g.goalId),
          formatShare(g.plannedShare),
          formatShare(g.actualShare),
          formatGap(g.drift),
        ],
        y,
      );
    }
  } else if (data.projected) {
    const p = data.projected;
    y = note(
      doc,
      `Draft, not locked: the projected alignment of ${formatNumber(p.totalEffort)} planned points, ${formatShare(p.alignedShare)} aligned.`,
      y,
    );
    y = tableRow(doc, ['Goal', 'Projected', 'Target', 'Gap'], y, true);
    for (const g of p.goals.slice(0, MAX_PLAN_ROWS)) {
      y = tableRow(
        doc,
        [goal(g.goalId), formatPercent(g.percent), formatShare(g.targetShare), formatGap(g.gap)],
        y,
      );
    }
  } else {
    note(
      doc,
      data.cycle
        ? `${data.cycle.key} is ${data.cycle.state} without a baseline: nothing to compare.`
        : 'No cycle in scope and no ACTIVE cycle: nothing to compare.',
      y,
    );
  }
}

function scopeLabel({ scope }: SummaryExport): string {
  const parts = [
    scope.cycleKey
      ? `cycle ${scope.cycleKey}`
      : scope.sprintKeys.length
        ? `sprints ${scope.sprintKeys.join(', ')}`
        : 'the active sprints',
    scope.teamKeys.length ? `teams ${scope.teamKeys.join(', ')}` : 'all teams',
    `measure ${effortUnit(scope.measure)}`,
  ];
  return `Scope: ${parts.join(' · ')}`;
}

/** One line of text at a place, cut with an ellipsis rather than wrapped. */
function line(doc: Doc, text: string, x: number, y: number, width: number): void {
  doc.text(text, x, y, { width, lineBreak: false, ellipsis: true, height: 14 });
}

function heading(doc: Doc, text: string, y: number): number {
  doc.font('Helvetica-Bold').fontSize(11).fillColor('black');
  line(doc, text, PAGE.margin, y, WIDTH);
  doc
    .moveTo(PAGE.margin, y + 14)
    .lineTo(PAGE.margin + WIDTH, y + 14)
    .lineWidth(0.5)
    .strokeColor('#bbbbbb')
    .stroke();
  return y + 20;
}

function note(doc: Doc, text: string, y: number): number {
  doc.font('Helvetica').fontSize(8).fillColor(COLORS.muted);
  line(doc, text, PAGE.margin, y, WIDTH);
  return y + 12;
}

/** A horizontal bar of a share (0..1) on a grey track, with a red tick at the target. */
function bar(doc: Doc, x: number, y: number, share: number, target: number | null): void {
  const clamp = (v: number) => Math.max(0, Math.min(1, v));
  doc.rect(x, y + 1, BAR_WIDTH, 8).fill(COLORS.track);
  if (share > 0) doc.rect(x, y + 1, Math.max(0.5, clamp(share) * BAR_WIDTH), 8).fill(COLORS.bar);
  if (target !== null) {
    const tx = x + clamp(target) * BAR_WIDTH;
    doc
      .moveTo(tx, y - 1)
      .lineTo(tx, y + 11)
      .lineWidth(1.5)
      .strokeColor(COLORS.target)
      .stroke();
  }
}

function legend(doc: Doc, y: number): number {
  doc.rect(PAGE.margin, y + 2, 10, 6).fill(COLORS.bar);
  doc.font('Helvetica').fontSize(8).fillColor(COLORS.muted);
  line(doc, 'share of the effort in scope', PAGE.margin + 14, y, 150);
  const tx = PAGE.margin + 170;
  doc
    .moveTo(tx, y)
    .lineTo(tx, y + 9)
    .lineWidth(1.5)
    .strokeColor(COLORS.target)
    .stroke();
  line(doc, 'target share', tx + 6, y, 100);
  return y + 18;
}

function list(doc: Doc, title: string, items: string[], empty: string, y: number): number {
  doc.font('Helvetica-Bold').fontSize(9).fillColor('black');
  line(doc, title, PAGE.margin, y, WIDTH);
  y += 12;
  doc.font('Helvetica').fontSize(9);
  for (const item of items.length ? items : [empty]) {
    doc.fillColor(items.length ? 'black' : COLORS.muted);
    line(doc, `• ${item}`, PAGE.margin + 8, y, WIDTH - 8);
    y += 12;
  }
  return y + 4;
}

const COLUMNS = [0, 300, 370, 440];

function tableRow(doc: Doc, cells: string[], y: number, header = false): number {
  doc
    .font(header ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(9)
    .fillColor('black');
  cells.forEach((cell, i) => {
    const x = PAGE.margin + COLUMNS[i];
    const width = (COLUMNS[i + 1] ?? WIDTH) - COLUMNS[i] - 6;
    line(doc, cell, x, y, width);
  });
  return y + 13;
}
