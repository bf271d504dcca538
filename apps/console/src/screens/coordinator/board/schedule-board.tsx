import { Box, Group, Text, Tooltip } from '@mantine/core';
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { useElementSize } from '@mantine/hooks';
import { DateTime } from 'luxon';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../time/format';
import { daysOf, layoutSpan, moveSpan, resizeSpan } from './schedule-layout';

export interface BoardShift {
  id: string;
  agentId: string;
  status: string;
  version: number;
  startsAt: string;
  endsAt: string;
  activities: { id: string; type: string; startsAt: string; endsAt: string }[];
}

export interface BoardViolation {
  rule: string;
  message: string;
  shiftIds: string[];
}

interface ScheduleBoardProps {
  agents: { id: string; name: string }[];
  shifts: BoardShift[];
  violations: BoardViolation[];
  weekStart: DateTime;
  zone: string;
  /** A bar was dragged (moved or its end resized): the new span. */
  onChange?: (shift: BoardShift, startsAt: DateTime, endsAt: DateTime) => void;
  /** A bar was clicked or activated with the keyboard. */
  onOpen?: (shift: BoardShift) => void;
}

const NAME_WIDTH = 180;
/** 24-hour H:mm, short enough to fit a bar; the bar's label has the full, localised times. */
const compact = (iso: string, zone: string) => DateTime.fromISO(iso).setZone(zone).toFormat('H:mm');
const ACTIVITY_COLOR: Record<string, string> = {
  BREAK: '#adb5bd',
  LUNCH: '#868e96',
  TRAINING: '#9775fa',
  MEETING: '#9775fa',
  MENTORING: '#9775fa',
};

/**
 * One team-week: agents as rows, shifts as bars with their breaks and activities, in the team's zone.
 * A bar can be dragged to move the shift, or its right edge to resize it (15-minute steps); the
 * positions come from schedule-layout.ts, so daylight-saving days line up by wall-clock time.
 */
export function ScheduleBoard({ agents, shifts, violations, weekStart, zone, onChange, onOpen }: ScheduleBoardProps) {
  const { t, i18n } = useTranslation();
  const { ref, width } = useElementSize();
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor),
  );
  const days = daysOf(weekStart);
  const byShift = new Map<string, BoardViolation[]>();
  for (const v of violations) for (const id of v.shiftIds) byShift.set(id, [...(byShift.get(id) ?? []), v]);
  const shiftsById = new Map(shifts.map((s) => [s.id, s]));

  function dragEnd(event: DragEndEvent) {
    const [kind, id] = String(event.active.id).split(':') as ['move' | 'resize', string];
    const shift = shiftsById.get(id);
    if (!shift || !onChange || width === 0 || event.delta.x === 0) return;
    const deltaDays = (event.delta.x / width) * 7;
    const span =
      kind === 'move'
        ? moveSpan(shift.startsAt, shift.endsAt, deltaDays, weekStart)
        : resizeSpan(shift.startsAt, shift.endsAt, deltaDays, weekStart);
    if (
      span.startsAt.toMillis() === DateTime.fromISO(shift.startsAt).toMillis() &&
      span.endsAt.toMillis() === DateTime.fromISO(shift.endsAt).toMillis()
    )
      return;
    onChange(shift, span.startsAt, span.endsAt);
  }

  return (
    <DndContext sensors={sensors} onDragEnd={dragEnd}>
      <Box role="grid" aria-label={t('board.gridLabel')} data-testid="schedule-board" style={{ minWidth: 1100 }}>
        <Group role="row" gap={0} wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-gray-4)' }}>
          <Box role="columnheader" w={NAME_WIDTH} p={4} style={{ flexShrink: 0 }}>
            <Text size="sm" fw={600}>
              {t('board.agent')}
            </Text>
          </Box>
          <Box
            ref={ref}
            role="columnheader"
            style={{ flex: 1, display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)' }}
          >
            {days.map((day) => (
              <Text key={day.toISODate()} size="sm" fw={600} p={4} ta="center">
                {day.setLocale(i18n.language).toLocaleString({ weekday: 'short', day: 'numeric', month: 'short' })}
              </Text>
            ))}
          </Box>
        </Group>
        {agents.map((agent) => (
          <Group
            key={agent.id}
            role="row"
            gap={0}
            wrap="nowrap"
            style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
            data-testid={`board-row-${agent.id}`}
          >
            <Box role="rowheader" w={NAME_WIDTH} p={4} style={{ flexShrink: 0 }}>
              <Text size="sm" truncate>
                {agent.name}
              </Text>
            </Box>
            <Box
              role="gridcell"
              style={{
                flex: 1,
                position: 'relative',
                height: 40,
                backgroundImage: 'linear-gradient(to right, var(--mantine-color-gray-3) 1px, transparent 1px)',
                backgroundSize: `${100 / 7}% 100%`,
              }}
            >
              {shifts
                .filter((s) => s.agentId === agent.id)
                .map((shift) => (
                  <ShiftBar
                    key={shift.id}
                    shift={shift}
                    weekStart={weekStart}
                    zone={zone}
                    agentName={agent.name}
                    violations={byShift.get(shift.id) ?? []}
                    onOpen={onOpen}
                    draggable={Boolean(onChange)}
                  />
                ))}
            </Box>
          </Group>
        ))}
      </Box>
    </DndContext>
  );
}

interface ShiftBarProps {
  shift: BoardShift;
  weekStart: DateTime;
  zone: string;
  agentName: string;
  violations: BoardViolation[];
  draggable: boolean;
  onOpen?: (shift: BoardShift) => void;
}

function ShiftBar({ shift, weekStart, zone, agentName, violations, draggable, onOpen }: ShiftBarProps) {
  const { t } = useTranslation();
  const move = useDraggable({ id: `move:${shift.id}`, disabled: !draggable });
  const resize = useDraggable({ id: `resize:${shift.id}`, disabled: !draggable });
  const bar = layoutSpan(shift.startsAt, shift.endsAt, weekStart);
  if (!bar) return null;
  const draft = shift.status === 'DRAFT';
  const hours = DateTime.fromISO(shift.endsAt).diff(DateTime.fromISO(shift.startsAt), 'hours').hours;
  const label = `${agentName}: ${formatTime(shift.startsAt, zone)}–${formatTime(shift.endsAt, zone)} (${t('board.hours', { count: Math.round(hours * 10) / 10 })}), ${t(`shiftStatus.${shift.status}`)}${
    violations.length ? `. ${violations.map((v) => v.message).join(' ')}` : ''
  }`;
  const dx = (move.transform?.x ?? 0) + 0;
  const grow = resize.transform?.x ?? 0;
  // The outer box holds the place and look; the bar (a button) and its resize handle are siblings inside
  // it, as interactive controls must not nest.
  const box: CSSProperties = {
    position: 'absolute',
    top: 5,
    bottom: 5,
    left: `${bar.left * 100}%`,
    width: `calc(${bar.width * 100}% + ${grow}px)`,
    transform: dx ? `translateX(${dx}px)` : undefined,
    background: draft ? '#e7f5ff' : '#d0ebff',
    border: `${violations.length ? 2 : 1}px ${draft ? 'dashed' : 'solid'} ${violations.length ? '#c92a2a' : '#1864ab'}`,
    borderRadius: 4,
    overflow: 'hidden',
    zIndex: move.isDragging || resize.isDragging ? 2 : 1,
  };
  const startPos = DateTime.fromISO(shift.startsAt).toMillis();
  const length = DateTime.fromISO(shift.endsAt).toMillis() - startPos;
  return (
    <div style={box} data-testid={`shift-${shift.id}`} data-status={shift.status}>
      <Tooltip label={label} multiline w={280} openDelay={400}>
        <div
          ref={move.setNodeRef}
          style={{ position: 'absolute', inset: 0, cursor: draggable ? 'grab' : 'pointer', touchAction: 'none' }}
          {...move.listeners}
          {...move.attributes}
          aria-label={label}
          aria-roledescription={t('board.shiftRole')}
          data-testid={`shift-bar-${shift.id}`}
          onClick={() => onOpen?.(shift)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onOpen?.(shift);
            else move.listeners?.['onKeyDown']?.(e);
          }}
        >
          {shift.activities.map((a) => {
            const left = ((DateTime.fromISO(a.startsAt).toMillis() - startPos) / length) * 100;
            const width =
              ((DateTime.fromISO(a.endsAt).toMillis() - DateTime.fromISO(a.startsAt).toMillis()) / length) * 100;
            return (
              <span
                key={a.id}
                title={t(`activity.${a.type}`)}
                style={{
                  position: 'absolute',
                  top: 0,
                  bottom: 0,
                  left: `${left}%`,
                  width: `${width}%`,
                  background: ACTIVITY_COLOR[a.type] ?? '#adb5bd',
                  opacity: 0.6,
                }}
              />
            );
          })}
          <Text size="xs" c="dark.9" px={4} style={{ position: 'relative', whiteSpace: 'nowrap', lineHeight: '28px' }}>
            {violations.length > 0 && '⚠ '}
            {compact(shift.startsAt, zone)}–{compact(shift.endsAt, zone)}
          </Text>
        </div>
      </Tooltip>
      {draggable && (
        <span
          ref={resize.setNodeRef}
          {...resize.listeners}
          {...resize.attributes}
          role="button"
          aria-label={t('board.resize', { label })}
          data-testid={`resize-${shift.id}`}
          style={{
            position: 'absolute',
            top: 0,
            right: 0,
            bottom: 0,
            width: 8,
            cursor: 'ew-resize',
            background: 'rgba(24, 100, 171, 0.35)',
          }}
        />
      )}
    </div>
  );
}
