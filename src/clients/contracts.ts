/** Typed shapes of the four services' responses (CONTRACTS.md) and their validators. */

export interface PromptSpec {
  tempo: number | null;
  key: string | null;
  genre: string | null;
  instruments: string[];
  style_references: string[];
  mood: string | null;
}

export interface StyleSegment {
  start_time: number;
  end_time: number;
  label: string;
}

export interface StyleFeatures {
  tempo: number | null;
  key: string | null;
  segments: StyleSegment[];
}

export interface GeneratedStems {
  job_id: string;
  stems: Record<string, string>;
}

export interface MasteredTrack {
  output_path: string;
  message: string;
}

type Json = Record<string, unknown>;

function object(body: unknown): Json {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error('expected a JSON object');
  }
  return body as Json;
}

function nullableNumber(body: Json, field: string): number | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new Error(`${field} must be a number or null`);
  return value;
}

function nullableString(body: Json, field: string): string | null {
  const value = body[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new Error(`${field} must be a string or null`);
  return value;
}

function stringList(body: Json, field: string): string[] {
  const value = body[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Error(`${field} must be a list of strings`);
  }
  return value;
}

function requiredString(body: Json, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '')
    throw new Error(`${field} must be a non-empty string`);
  return value;
}

export function parsePromptSpec(body: unknown): PromptSpec {
  const json = object(body);
  return {
    tempo: nullableNumber(json, 'tempo'),
    key: nullableString(json, 'key'),
    genre: nullableString(json, 'genre'),
    instruments: stringList(json, 'instruments'),
    style_references: stringList(json, 'style_references'),
    mood: nullableString(json, 'mood'),
  };
}

export function parseStyleFeatures(body: unknown): StyleFeatures {
  const json = object(body);
  const rawSegments = json.segments ?? [];
  if (!Array.isArray(rawSegments)) throw new Error('segments must be a list');
  const segments = rawSegments.map((item: unknown, index) => {
    const segment = object(item);
    const start = nullableNumber(segment, 'start_time');
    const end = nullableNumber(segment, 'end_time');
    if (start === null || end === null)
      throw new Error(`segments[${index}] needs start_time and end_time`);
    return { start_time: start, end_time: end, label: nullableString(segment, 'label') ?? '' };
  });
  return { tempo: nullableNumber(json, 'tempo'), key: nullableString(json, 'key'), segments };
}

export function parseGeneratedStems(body: unknown): GeneratedStems {
  const json = object(body);
  const stems = object(json.stems);
  const entries = Object.entries(stems);
  if (entries.length === 0) throw new Error('stems must not be empty');
  for (const [name, path] of entries) {
    if (typeof path !== 'string' || path === '') throw new Error(`stems.${name} must be a path`);
  }
  return { job_id: nullableString(json, 'job_id') ?? '', stems: stems as Record<string, string> };
}

export function parseMasteredTrack(body: unknown): MasteredTrack {
  const json = object(body);
  return {
    output_path: requiredString(json, 'output_path'),
    message: nullableString(json, 'message') ?? '',
  };
}
