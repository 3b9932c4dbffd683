/**
 * The HTWG dashboard: MOFCOM review days per month against the target, VEU applications and decisions,
 * license processing days by ECCN, outreach events and questions (recharts, each with its data as a table).
 */
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { get } from '../api';
import { Empty, ErrorBox, Loading, useLoad } from '../components/ui';
import { today } from '../lib/clock';
import type { Metrics } from '../types';
import { DeskFrame, type DeskProps } from './DeskFrame';
import { OutreachScreen } from '../components/Outreach';

const C = { a: '#1f4e8c', b: '#b35900', c: '#2e7d32', d: '#6a1b9a', e: '#37474f', target: '#b00020' };

function ChartFigure({
  id,
  title,
  summary,
  empty,
  table,
  children,
}: {
  id: string;
  title: string;
  summary: string;
  empty?: string;
  table: { headers: string[]; rows: (string | number)[][] };
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <figure className="chart" aria-labelledby={`${id}-cap`} data-testid={`chart-${id}`}>
      <figcaption id={`${id}-cap`}>
        <strong>{title}</strong>
        <span className="small muted"> — {summary}</span>
      </figcaption>
      {empty ? <Empty>{empty}</Empty> : null}
      <div className="chart-box" role="img" aria-label={`${title}: ${summary}`}>
        <ResponsiveContainer width="100%" height={240}>
          {children as ReactElement}
        </ResponsiveContainer>
      </div>
      <details>
        <summary>{t('htwg.showData')}</summary>
        <table className="small">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              {table.headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

const dash = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n);

function Charts({ m }: { m: Metrics }) {
  const { t } = useTranslation();
  const months = m.mofcomReviewByMonth.map((x) => ({ ...x, median: x.medianDays ?? 0, p90: x.p90Days ?? 0 }));
  const veu = [
    { name: t('htwg.veuPending'), value: m.veu.pending },
    { name: t('htwg.veuOverdue'), value: m.veu.pendingOverdue },
    { name: t('htwg.veuDecided'), value: m.veu.decided },
    { name: t('htwg.veuApproved'), value: m.veu.approved },
    { name: t('htwg.veuWithin30'), value: m.veu.decidedWithin30Days },
  ];
  const lic = m.licenseDaysByEccn.map((x) => ({
    ...x,
    median: x.medianDays ?? 0,
    p90: x.p90Days ?? 0,
    max: x.maxDays ?? 0,
  }));
  const out = [
    { name: t('htwg.events'), value: m.outreach.events },
    { name: t('htwg.held'), value: m.outreach.held },
    { name: t('htwg.registrations'), value: m.outreach.registrations },
    { name: t('htwg.questions'), value: m.outreach.questions },
    { name: t('htwg.answered'), value: m.outreach.answered },
  ];
  const days = t('htwg.days');
  return (
    <div className="charts">
      <ChartFigure
        id="mofcom"
        title={t('htwg.mofcomTitle')}
        summary={t('htwg.mofcomSummary', {
          target: m.eusTargetDays,
          months: months.length,
          pending: m.eusPending ?? 0,
        })}
        empty={months.length ? undefined : t('htwg.noDecisions')}
        table={{
          headers: [
            t('htwg.month'),
            t('htwg.decided'),
            t('htwg.median'),
            t('htwg.p90'),
            t('htwg.withinTarget'),
          ],
          rows: m.mofcomReviewByMonth.map((x) => [
            x.month,
            x.decided,
            dash(x.medianDays),
            dash(x.p90Days),
            `${x.withinTarget}/${x.decided}`,
          ]),
        }}
      >
        <BarChart
          accessibilityLayer={false}
          data={months}
          margin={{ top: 10, right: 20, bottom: 5, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="month" />
          <YAxis
            allowDecimals={false}
            label={{ value: days, angle: -90, position: 'insideLeft' }}
            domain={[0, Math.max(m.eusTargetDays + 5, ...months.map((x) => x.p90))]}
          />
          <Tooltip />
          <Legend />
          <ReferenceLine
            y={m.eusTargetDays}
            stroke={C.target}
            strokeDasharray="6 3"
            label={{
              value: t('htwg.target', { days: m.eusTargetDays }),
              fill: C.target,
              position: 'insideTopRight',
            }}
          />
          <Bar isAnimationActive={false} dataKey="median" name={t('htwg.median')} fill={C.a} />
          <Bar isAnimationActive={false} dataKey="p90" name={t('htwg.p90')} fill={C.b} />
        </BarChart>
      </ChartFigure>

      <ChartFigure
        id="veu"
        title={t('htwg.veuTitle')}
        summary={t('htwg.veuSummary', {
          share:
            m.veu.shareDecidedWithin30Days === null
              ? '—'
              : `${Math.round(m.veu.shareDecidedWithin30Days * 100)}%`,
          median: dash(m.veu.medianDays),
        })}
        table={{ headers: [t('htwg.measure'), t('htwg.count')], rows: veu.map((x) => [x.name, x.value]) }}
      >
        <BarChart accessibilityLayer={false} data={veu} margin={{ top: 10, right: 20, bottom: 5, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" interval={0} tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar isAnimationActive={false} dataKey="value" name={t('htwg.count')} fill={C.c} />
        </BarChart>
      </ChartFigure>

      <ChartFigure
        id="license"
        title={t('htwg.licenseTitle')}
        summary={t('htwg.licenseSummary', { eccns: lic.length })}
        empty={lic.length ? undefined : t('htwg.noDecisions')}
        table={{
          headers: ['ECCN', t('htwg.decided'), t('htwg.median'), t('htwg.p90'), t('htwg.max')],
          rows: m.licenseDaysByEccn.map((x) => [
            x.eccn,
            x.decided,
            dash(x.medianDays),
            dash(x.p90Days),
            dash(x.maxDays),
          ]),
        }}
      >
        <BarChart accessibilityLayer={false} data={lic} margin={{ top: 10, right: 20, bottom: 5, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="eccn" />
          <YAxis
            allowDecimals={false}
            label={{ value: days, angle: -90, position: 'insideLeft' }}
            domain={[0, Math.max(95, ...lic.map((x) => x.max))]}
          />
          <Tooltip />
          <Legend />
          <ReferenceLine
            y={90}
            stroke={C.target}
            strokeDasharray="6 3"
            label={{ value: t('htwg.target', { days: 90 }), fill: C.target, position: 'insideTopRight' }}
          />
          <Bar isAnimationActive={false} dataKey="median" name={t('htwg.median')} fill={C.a} />
          <Bar isAnimationActive={false} dataKey="p90" name={t('htwg.p90')} fill={C.b} />
          <Bar isAnimationActive={false} dataKey="max" name={t('htwg.max')} fill={C.e} />
        </BarChart>
      </ChartFigure>

      <ChartFigure
        id="outreach"
        title={t('htwg.outreachTitle')}
        summary={t('htwg.outreachSummary', { events: m.outreach.events, questions: m.outreach.questions })}
        table={{ headers: [t('htwg.measure'), t('htwg.count')], rows: out.map((x) => [x.name, x.value]) }}
      >
        <BarChart accessibilityLayer={false} data={out} margin={{ top: 10, right: 20, bottom: 5, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" interval={0} tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar isAnimationActive={false} dataKey="value" name={t('htwg.count')} fill={C.d} />
        </BarChart>
      </ChartFigure>
    </div>
  );
}

function Dashboard() {
  const { t } = useTranslation();
  const m = useLoad(() => get<Metrics>(`/metrics?asOf=${today()}`));
  return (
    <section aria-labelledby="dash-h">
      <h2 id="dash-h">{t('htwg.dashboard')}</h2>
      <ErrorBox error={m.error} />
      <Loading when={m.loading && !m.data} />
      {m.data ? (
        <>
          <p className="small muted">{t('htwg.asOf', { asOf: m.data.asOf })}</p>
          <Charts m={m.data} />
        </>
      ) : null}
    </section>
  );
}

export default function HtwgDesk({ user }: DeskProps) {
  const { t } = useTranslation();
  return (
    <DeskFrame
      title={t('desk.htwg')}
      intro={t('desk.htwgIntro')}
      screens={[
        { id: 'dashboard', label: t('tab.dashboard'), render: () => <Dashboard /> },
        { id: 'outreach', label: t('tab.outreach'), render: () => <OutreachScreen role={user.role} /> },
      ]}
    />
  );
}
