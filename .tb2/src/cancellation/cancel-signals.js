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
var CancelSignals_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.CancelSignals = void 0;
const common_1 = require("@nestjs/common");
const app_config_1 = require("../config/app-config");
const redis_connection_1 = require("../redis/redis-connection");
const PUBLISH_TIMEOUT_MS = 1_000;
let CancelSignals = CancelSignals_1 = class CancelSignals {
    config;
    logger = new common_1.Logger(CancelSignals_1.name);
    channel;
    publisher;
    subscriber;
    constructor(config) {
        this.config = config;
        this.channel = `${config.queuePrefix}:cancel`;
    }
    onModuleInit() {
        this.publisher = this.connect();
    }
    async publish(jobId) {
        this.publisher ??= this.connect();
        const notPublished = (reason) => this.logger.warn({ job_id: jobId, msg: 'Cancel signal not published', err: reason });
        if (this.publisher.status !== 'ready') {
            notPublished(`Redis ${this.publisher.status}`);
            return;
        }
        let timer;
        const timeout = new Promise((resolve) => {
            timer = setTimeout(() => {
                notPublished(`no answer in ${PUBLISH_TIMEOUT_MS} ms`);
                resolve();
            }, PUBLISH_TIMEOUT_MS);
        });
        const published = this.publisher
            .publish(this.channel, jobId)
            .then(() => undefined)
            .catch((error) => notPublished(String(error)));
        await Promise.race([published, timeout]).finally(() => clearTimeout(timer));
    }
    subscribe(onCancel) {
        this.subscriber ??= this.connect();
        this.subscriber.on('message', (_channel, jobId) => onCancel(jobId));
        this.subscriber.subscribe(this.channel).catch((error) => {
            this.logger.error({ msg: 'Cancel channel subscription failed', err: String(error) });
        });
    }
    async onModuleDestroy() {
        for (const client of [this.publisher, this.subscriber]) {
            if (client)
                await client.quit().catch(() => undefined);
        }
    }
    connect() {
        const client = (0, redis_connection_1.createRedisClient)(this.config, { maxRetriesPerRequest: 1, lazyConnect: false });
        client.on('error', () => undefined);
        return client;
    }
};
exports.CancelSignals = CancelSignals;
exports.CancelSignals = CancelSignals = CancelSignals_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [app_config_1.AppConfig])
], CancelSignals);
//# sourceMappingURL=cancel-signals.js.map