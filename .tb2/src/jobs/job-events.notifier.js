"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.JobEventsNotifier = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../config/app-config");
const redis_connection_1 = require("../redis/redis-connection");
const PUBLISH_COALESCE_MS = 10;
let JobEventsNotifier = class JobEventsNotifier {
    config;
    channel;
    publisher;
    subscriber;
    listeners = new Set();
    pending = new Set();
    flushTimer;
    constructor(config) {
        this.config = config;
        this.channel = `${config.queuePrefix}:job-events`;
    }
    onModuleInit() {
        this.publisher = connect(this.config);
    }
    changed(jobId) {
        this.pending.add(jobId);
        this.flushTimer ??= setTimeout(() => this.flush(), PUBLISH_COALESCE_MS);
    }
    flush() {
        this.flushTimer = undefined;
        const ids = [...this.pending].join(',');
        this.pending.clear();
        this.publisher ??= connect(this.config);
        if (this.publisher.status !== 'ready')
            return;
        this.publisher.publish(this.channel, ids).catch(() => undefined);
    }
    onChange(listener) {
        if (!this.subscriber) {
            this.subscriber = connect(this.config);
            this.subscriber.on('message', (_channel, ids) => {
                for (const jobId of ids.split(','))
                    for (const l of this.listeners)
                        l(jobId);
            });
            this.subscriber.subscribe(this.channel).catch(() => undefined);
            this.subscriber.on('ready', () => {
                this.subscriber?.subscribe(this.channel).catch(() => undefined);
            });
        }
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }
    async onModuleDestroy() {
        if (this.flushTimer) {
            clearTimeout(this.flushTimer);
            this.flush();
        }
        for (const client of [this.publisher, this.subscriber]) {
            if (client)
                await client.quit().catch(() => undefined);
        }
    }
};
exports.JobEventsNotifier = JobEventsNotifier;
exports.JobEventsNotifier = JobEventsNotifier = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig])
], JobEventsNotifier);
function connect(config) {
    const client = (0, redis_connection_1.createRedisClient)(config, { maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    return client;
}
//# sourceMappingURL=job-events.notifier.js.map