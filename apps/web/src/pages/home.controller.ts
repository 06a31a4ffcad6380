import { Controller, Get, Req, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { homeFor } from '../http/navigation';
import type { WebRequest } from '../http/web-request';
import { SignedInGuard } from '../session/signed-in.guard';

@Controller()
@UseGuards(SignedInGuard)
export class HomeController {
  /** Each role starts where its work is. */
  @Get()
  home(@Req() req: WebRequest, @Res() res: Response): void {
    res.redirect(303, homeFor(req.viewer?.roles ?? new Set()));
  }

  @Get('no-role')
  noRole(@Res() res: Response): void {
    res.render('no-role', { title: 'You have no role yet' });
  }
}
