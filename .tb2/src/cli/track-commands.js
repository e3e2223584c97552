"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createTrack = createTrack;
exports.retryJob = retryJob;
exports.showStatus = showStatus;
exports.listJobs = listJobs;
exports.cancelJob = cancelJob;
exports.deleteJob = deleteJob;
const follow_job_1 = require("./follow-job");
const interrupt_1 = require("./interrupt");
const job_view_1 = require("./job-view");
const progress_display_1 = require("./progress-display");
const step_lines_1 = require("./step-lines");
const track_client_1 = require("./track-client");
const out = (text) => process.stdout.write(`${text}\n`);
const jobPath = (jobId) => `/jobs/${encodeURIComponent(jobId)}`;
async function createTrack(client, prompt, options) {
    const body = { prompt };
    if (options.reference !== undefined)
        body.reference_track_url = options.reference;
    if (options.priority !== undefined)
        body.priority = options.priority;
    const created = await client.request('POST', '/create-track', body);
    if (!options.wait && options.out === undefined) {
        out(created.job_id);
        return 0;
    }
    const display = (0, progress_display_1.createDisplay)(process.stdout);
    display.note(`Job ${created.job_id} created`);
    return follow(client, created.job_id, display, options);
}
async function retryJob(client, jobId, options) {
    const job = await client.request('POST', `${jobPath(jobId)}/retry`);
    if (!options.wait && options.out === undefined) {
        out(`Job ${job.job_id} queued again (${job.status})`);
        return 0;
    }
    const display = (0, progress_display_1.createDisplay)(process.stdout);
    display.note(`Job ${job.job_id} queued again`);
    return follow(client, job.job_id, display, options);
}
async function follow(client, jobId, display, options) {
    const interrupted = new Promise((resolve) => {
        process.once('SIGINT', () => {
            display.stop();
            void onInterrupt(client, jobId, options).then(resolve, (error) => {
                process.stderr.write(`${error.message}\n`);
                resolve(interrupt_1.INTERRUPTED_EXIT_CODE);
            });
        });
    });
    const finished = (0, follow_job_1.followJob)(client, jobId, display).then((job) => finish(client, job, display, options));
    return Promise.race([finished, interrupted]);
}
async function onInterrupt(client, jobId, options) {
    const cancel = await (0, interrupt_1.shouldCancel)(jobId, {
        cancelOnInterrupt: options.cancelOnInterrupt === true,
        interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
    });
    if (cancel) {
        const job = await client.request('POST', `${jobPath(jobId)}/cancel`);
        out(`Interrupted: job ${jobId} ${job.status === 'CANCELLED' ? 'cancelled' : 'is being cancelled'}`);
    }
    else {
        out(`Interrupted: job ${jobId} keeps running (track status ${jobId})`);
    }
    return interrupt_1.INTERRUPTED_EXIT_CODE;
}
async function finish(client, job, display, options) {
    display.stop();
    if (job.status === 'FAILURE') {
        process.stderr.write(`Job ${job.job_id} failed: ${(0, job_view_1.failureMessage)(job)}\n`);
        return 1;
    }
    if (job.status === 'CANCELLED') {
        process.stderr.write(`Job ${job.job_id} was cancelled\n`);
        return 1;
    }
    const master = job.result?.final_track_url;
    out(`Job ${job.job_id} succeeded`);
    if (master === undefined)
        throw new track_client_1.CliError('The job succeeded without a final track URL');
    if (options.out === undefined) {
        out(`Master: ${master}`);
        return 0;
    }
    const size = await client.download(master, options.out);
    out(`Saved the master to ${options.out} (${size} bytes)`);
    return 0;
}
async function showStatus(client, jobId, json) {
    const job = await client.getJob(jobId);
    if (json) {
        out(JSON.stringify(job, null, 2));
        return 0;
    }
    out(`Job ${job.job_id}: ${job.status}`);
    out(`Prompt: ${job.prompt}`);
    if (job.priority !== undefined)
        out(`Priority: ${job.priority}`);
    const lines = (0, step_lines_1.stepLines)(job, new Map(), Date.now());
    const width = Math.max(0, ...lines.map((line) => line.label.length));
    for (const line of lines)
        out(`  ${line.label.padEnd(width)}  ${line.state}`);
    if (job.result?.final_track_url)
        out(`Master: ${job.result.final_track_url}`);
    if (job.status === 'FAILURE')
        out(`Error: ${(0, job_view_1.failureMessage)(job)}`);
    return 0;
}
async function listJobs(client, options) {
    const query = new URLSearchParams();
    if (options.status)
        query.set('status', options.status.toUpperCase());
    if (options.search)
        query.set('q', options.search);
    if (options.limit)
        query.set('limit', options.limit);
    if (options.cursor)
        query.set('cursor', options.cursor);
    const page = await client.request('GET', `/jobs?${query.toString()}`);
    if (options.json) {
        out(JSON.stringify(page, null, 2));
        return 0;
    }
    if (page.items.length === 0)
        out('No jobs');
    for (const job of page.items) {
        const age = (0, step_lines_1.seconds)(Date.now() - Date.parse(job.created_at));
        out(`${job.job_id}  ${job.status.padEnd(10)}  ${age.padStart(9)} ago  ${oneLine(job.prompt)}`);
    }
    if (page.next_cursor)
        process.stderr.write(`More: track ls --cursor ${page.next_cursor}\n`);
    return 0;
}
async function cancelJob(client, jobId) {
    const job = await client.request('POST', `${jobPath(jobId)}/cancel`);
    out(`Job ${job.job_id}: ${job.status === 'CANCELLED' ? 'cancelled' : 'cancel requested'}`);
    return 0;
}
async function deleteJob(client, jobId) {
    await client.request('DELETE', jobPath(jobId));
    out(`Job ${jobId} deleted`);
    return 0;
}
function oneLine(text, max = 60) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
//# sourceMappingURL=track-commands.js.map