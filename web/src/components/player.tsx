// The master's player: the browser's own audio controls (keyboard and screen-reader
// friendly) with a wavesurfer.js waveform drawn from the same file; click it to seek.
import { useEffect, useRef, useState } from 'preact/hooks';
import WaveSurfer from 'wavesurfer.js';

interface Props {
  url: string;
  title: string;
}

export function Player({ url, title }: Props) {
  const audio = useRef<HTMLAudioElement>(null);
  const waveform = useRef<HTMLDivElement>(null);
  const [waveformState, setWaveformState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    const media = audio.current;
    const container = waveform.current;
    if (!media || !container) return;
    setWaveformState('loading');
    // The <audio> plays the link itself (streamed, seekable by Range); the waveform is drawn
    // from a copy decoded here, so playback never waits for it.
    const surfer = WaveSurfer.create({
      container,
      media,
      height: 72,
      waveColor: '#8fa3c7',
      progressColor: '#2f5fb3',
      cursorColor: '#1d2b45',
      barWidth: 2,
      barGap: 1,
      normalize: true,
      dragToSeek: true,
    });
    const abort = new AbortController();
    peaksOf(url, abort.signal)
      .then(({ peaks, duration }) => surfer.load(url, peaks, duration))
      .then(() => setWaveformState('ready'))
      .catch(() => {
        if (!abort.signal.aborted) setWaveformState('failed');
      });
    return () => {
      abort.abort();
      surfer.destroy();
    };
  }, [url]);

  return (
    <figure class="player">
      <figcaption>{title}</figcaption>
      <div
        ref={waveform}
        class="waveform"
        role="img"
        aria-label={
          waveformState === 'ready'
            ? 'Waveform of the track; click to seek'
            : waveformState === 'failed'
              ? 'The waveform could not be drawn; the player still plays'
              : 'Drawing the waveform'
        }
      />
      <audio ref={audio} src={url} controls preload="auto" aria-label={`Play ${title}`} />
    </figure>
  );
}

/** Low enough to decode fast, high enough for a waveform a few thousand pixels wide. */
const WAVEFORM_SAMPLE_RATE = 8000;

async function peaksOf(
  url: string,
  signal: AbortSignal,
): Promise<{ peaks: Float32Array[]; duration: number }> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`the track answered ${response.status}`);
  const decoder = new OfflineAudioContext(1, 1, WAVEFORM_SAMPLE_RATE);
  const decoded = await decoder.decodeAudioData(await response.arrayBuffer());
  const peaks = Array.from({ length: decoded.numberOfChannels }, (_, channel) =>
    decoded.getChannelData(channel),
  );
  return { peaks, duration: decoded.duration };
}
