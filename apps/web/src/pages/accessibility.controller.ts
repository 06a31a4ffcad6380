import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';

/** The accessibility statement every public sector service publishes; open to all. */
@Controller('accessibility')
export class AccessibilityController {
  @Get()
  statement(@Res() res: Response): void {
    res.render('accessibility', { title: 'Accessibility statement' });
  }
}
