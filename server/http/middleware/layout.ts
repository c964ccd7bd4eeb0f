import type { RequestHandler } from 'express';

/**
 * Wraps every rendered view in views/layout.ejs: the view renders first, then the layout with the
 * view's HTML as `body`. Views opt out with `layout: false` (e.g. a bare print fragment).
 */
export function layout(): RequestHandler {
  return (_req, res, next) => {
    const render = res.render.bind(res);
    res.render = ((
      view: string,
      locals: Record<string, unknown> = {},
      callback?: (err: Error, html: string) => void,
    ) => {
      if (locals.layout === false || typeof locals === 'function') return render(view, locals, callback);
      render(view, locals, (err: Error | null, body: string) => {
        if (err) return next(err);
        render('layout', { ...locals, body }, callback);
      });
    }) as typeof res.render;
    next();
  };
}
