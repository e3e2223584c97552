"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const typeorm_1 = require("typeorm");
const app_config_1 = require("../config/app-config");
const typeorm_options_1 = require("./typeorm-options");
exports.default = new typeorm_1.DataSource((0, typeorm_options_1.typeormOptions)(new app_config_1.AppConfig().databaseUrl));
//# sourceMappingURL=data-source.js.map