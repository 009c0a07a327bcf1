/* gui-test-support.c — what the GUI tests share
 *
 * Copyright 2026 The Membrane Lab authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gui-test-support.h"

#include <dlfcn.h>
#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#include <X11/XKBlib.h>
#include <X11/keysym.h>

#include "ml-screenshot.h"

void
test_add_ion (MlCell     *cell,
              const char *name,
              int         z,
              double      c_in,
              double      c_out,
              double      p)
{
  MlIon ion = { .z = z, .c_in = c_in, .c_out = c_out, .p = p, .enabled = true };

  g_strlcpy (ion.name, name, sizeof ion.name);
  g_assert_cmpint (ml_cell_set_ion (cell, &ion), >=, 0);
}

const char *
test_screenshot_dir (void)
{
  static char *dir = NULL;

  if (dir == NULL)
    {
      const char *env = g_getenv ("ML_SCREENSHOT_DIR");

      dir = g_strdup (env != NULL && env[0] != '\0' ? env : g_get_tmp_dir ());
      g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
    }
  return dir;
}

cairo_surface_t *
test_render_on_theme (GtkWidget *widget,
                      gboolean   dark)
{
  /* libadwaita's window background: #fafafa light, #242424 dark. */
  GdkRGBA background;

  gdk_rgba_parse (&background, dark ? "#242424" : "#fafafa");
  return ml_screenshot_surface_on (widget, &background);
}

void
test_write_png (cairo_surface_t *surface,
                const char      *name)
{
  g_autofree char *path = g_build_filename (test_screenshot_dir (), name, NULL);

  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  g_test_message ("wrote %s", path);
}

void
test_wait_ms (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* libXtst is loaded when first needed (it comes with at-spi2-core, and no
 * header of it is needed for its one function). */
typedef int (*FakeKeyFunc) (Display *display, unsigned int keycode, Bool is_press,
                            unsigned long delay);

static FakeKeyFunc
fake_key_func (void)
{
  static FakeKeyFunc func = NULL;

  if (func == NULL)
    {
      void *lib = dlopen ("libXtst.so.6", RTLD_NOW | RTLD_LOCAL);

      if (lib == NULL)
        g_error ("keys: cannot load libXtst.so.6 (%s)", dlerror ());
      func = (FakeKeyFunc) dlsym (lib, "XTestFakeKeyEvent");
      g_assert_nonnull (func);
    }
  return func;
}

static Display *
focus_window (GtkWidget *window)
{
  GdkDisplay *display = gtk_widget_get_display (window);
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *xdisplay;

  if (!GDK_IS_X11_DISPLAY (display))
    g_error ("keys: the tests send keys through X11 (GDK_BACKEND=x11)");
  xdisplay = gdk_x11_display_get_xdisplay (display);
  /* No window manager gives the focus here: the test gives it to the
   * window the keys are for, unless it is there already, or in a popover
   * (a popup surface) of that window. */
  if (surface != NULL && gtk_widget_get_mapped (window))
    {
      Window xid = gdk_x11_surface_get_xid (surface);
      Window focus = None;
      GdkSurface *focused = NULL;
      int revert = 0;

      XGetInputFocus (xdisplay, &focus, &revert);
      if (focus != None && focus != PointerRoot)
        focused = gdk_x11_surface_lookup_for_display (display, focus);
      if (focus != xid
          && !(focused != NULL && GDK_IS_POPUP (focused)
               && gdk_popup_get_parent (GDK_POPUP (focused)) == surface))
        {
          XSetInputFocus (xdisplay, xid, RevertToParent, CurrentTime);
          XSync (xdisplay, False);
          test_wait_ms (30);
        }
    }
  return xdisplay;
}

static void
send_key (Display *xdisplay,
          guint    keysym,
          gboolean press)
{
  KeyCode code = XKeysymToKeycode (xdisplay, keysym);

  if (code == 0)
    g_error ("keys: no key for keysym 0x%x on this keymap", keysym);
  fake_key_func () (xdisplay, code, press, CurrentTime);
}

static void
press_keyval (GtkWidget       *window,
              guint            keyval,
              GdkModifierType  mods)
{
  Display *xdisplay = focus_window (window);
  static const struct { GdkModifierType mod; guint keysym; } modifiers[] = {
    { GDK_SHIFT_MASK, XK_Shift_L },
    { GDK_CONTROL_MASK, XK_Control_L },
    { GDK_ALT_MASK, XK_Alt_L },
  };
  KeyCode code = XKeysymToKeycode (xdisplay, keyval);
  gboolean shifted = FALSE;

  /* A keysym on the shifted level of its key (":", "?") needs Shift. */
  if (code != 0 && XkbKeycodeToKeysym (xdisplay, code, 0, 0) != keyval
      && XkbKeycodeToKeysym (xdisplay, code, 0, 1) == keyval)
    shifted = TRUE;
  if (shifted)
    mods |= GDK_SHIFT_MASK;

  for (guint i = 0; i < G_N_ELEMENTS (modifiers); i++)
    if (mods & modifiers[i].mod)
      send_key (xdisplay, modifiers[i].keysym, TRUE);
  send_key (xdisplay, keyval, TRUE);
  send_key (xdisplay, keyval, FALSE);
  for (guint i = G_N_ELEMENTS (modifiers); i-- > 0;)
    if (mods & modifiers[i].mod)
      send_key (xdisplay, modifiers[i].keysym, FALSE);
  XSync (xdisplay, False);
  /* The events come back through the X server: let them in, and what
   * they set off (a popover's map, a page's switch) happen. */
  test_wait_ms (60);
}

void
test_press_keys (GtkWidget  *window,
                 const char *accel)
{
  guint keyval = 0;
  GdkModifierType mods = 0;

  if (!gtk_accelerator_parse (accel, &keyval, &mods) || keyval == 0)
    g_error ("keys: “%s” is no accelerator", accel);
  press_keyval (window, keyval, mods);
}

void
test_type_text (GtkWidget  *window,
                const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    press_keyval (window, gdk_unicode_to_keyval ((guchar)*p), 0);
}

GtkWidget *
test_find_widget (GtkWidget       *root,
                  TestWidgetMatch  match,
                  gconstpointer    data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}
