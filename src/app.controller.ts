import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from './auth/public.decorator';
import { HealthMessageDto } from './jobs/dto/job-responses.dto';

@ApiTags('health')
@Controller()
export class AppController {
  @Get()
  @Public()
  @ApiOperation({ summary: 'Health message, as in the original service' })
  @ApiOkResponse({ type: HealthMessageDto })
  root(): HealthMessageDto {
    return { message: 'Music production orchestrator is running.' };
  }
}
