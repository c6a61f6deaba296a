// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/Theme.h"

#include <QApplication>
#include <QEvent>
#include <QLabel>
#include <QCoreApplication>
#include <QStyle>
#include <QStyleFactory>

namespace ladder {

namespace {

/// The platform's look, recorded before the first theme replaces it, so "System" can return to it.
struct PlatformLook
{
    QString style;
    QPalette palette;
};

const PlatformLook &platformLook()
{
    static const PlatformLook look{QApplication::style() != nullptr ? QApplication::style()->name() : QString(),
        QApplication::palette()};
    return look;
}

QPalette darkPalette()
{
    // Contrast ratios above 7:1 for text on its background, 4.5:1 for placeholder text.
    const QColor window(0x2b, 0x2b, 0x2b);
    const QColor base(0x1f, 0x1f, 0x1f);
    const QColor text(0xe8, 0xe8, 0xe8);
    const QColor muted(0xa0, 0xa0, 0xa0);
    const QColor disabled(0x80, 0x80, 0x80);
    QPalette palette(text, window);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, QColor(0x29, 0x29, 0x29));
    palette.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3a));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, muted);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, QColor(0x36, 0x36, 0x36));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    palette.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4a));
    palette.setColor(QPalette::Midlight, QColor(0x3c, 0x3c, 0x3c));
    palette.setColor(QPalette::Mid, QColor(0x55, 0x55, 0x55));
    palette.setColor(QPalette::Dark, QColor(0x19, 0x19, 0x19));
    palette.setColor(QPalette::Shadow, QColor(0x0a, 0x0a, 0x0a));
    palette.setColor(QPalette::Highlight, QColor(0x2d, 0x6c, 0xb0));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    palette.setColor(QPalette::LinkVisited, QColor(0xb4, 0x9c, 0xff));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        palette.setColor(QPalette::Disabled, role, disabled);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x44, 0x44, 0x44));
    return palette;
}

/// Re-colours a label's text from the application palette whenever the palette changes.
class TextColourFollower : public QObject
{
public:
    TextColourFollower(QLabel *label, QColor (*colourOf)(const QPalette &))
        : QObject(label)
        , m_label(label)
        , m_colourOf(colourOf)
    {
        label->installEventFilter(this);
        apply();
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched == m_label
            && (event->type() == QEvent::ApplicationPaletteChange || event->type() == QEvent::PaletteChange))
            apply();
        return false;
    }

private:
    void apply()
    {
        const QColor colour = m_colourOf(QApplication::palette(m_label));
        if (m_label->palette().color(QPalette::WindowText) == colour)
            return; // setting it again would send another PaletteChange
        QPalette palette = m_label->palette();
        palette.setColor(QPalette::WindowText, colour);
        m_label->setPalette(palette);
    }

    QLabel *m_label;
    QColor (*m_colourOf)(const QPalette &);
};

} // namespace

QString themeName(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return QStringLiteral("light");
    case Theme::Dark:
        return QStringLiteral("dark");
    case Theme::System:
        break;
    }
    return QStringLiteral("system");
}

Theme themeFromName(const QString &name)
{
    for (Theme theme : allThemes())
        if (themeName(theme) == name)
            return theme;
    return Theme::System;
}

QList<Theme> allThemes()
{
    return {Theme::System, Theme::Light, Theme::Dark};
}

QString themeLabel(Theme theme)
{
    switch (theme) {
    case Theme::Light:
        return QCoreApplication::translate("ladder::Theme", "Light");
    case Theme::Dark:
        return QCoreApplication::translate("ladder::Theme", "Dark");
    case Theme::System:
        break;
    }
    return QCoreApplication::translate("ladder::Theme", "System");
}

QPalette themePalette(Theme theme)
{
    switch (theme) {
    case Theme::Light: {
        QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
        const QPalette palette = fusion != nullptr ? fusion->standardPalette() : platformLook().palette;
        delete fusion;
        return palette;
    }
    case Theme::Dark:
        return darkPalette();
    case Theme::System:
        break;
    }
    return platformLook().palette;
}

void applyTheme(Theme theme)
{
    const PlatformLook &platform = platformLook(); // recorded before anything changes
    const QString style = theme == Theme::System ? platform.style : QStringLiteral("Fusion");
    if (!style.isEmpty() && QApplication::style()->name().compare(style, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(style);
    QApplication::setPalette(themePalette(theme));
}

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

QColor errorColour(const QPalette &palette)
{
    return isDarkPalette(palette) ? QColor(0xff, 0x80, 0x80) : QColor(0xb0, 0x00, 0x20);
}

QColor warningColour(const QPalette &palette)
{
    return isDarkPalette(palette) ? QColor(0xff, 0xb8, 0x5c) : QColor(0xa3, 0x50, 0x00);
}

void showAsError(QLabel *label)
{
    new TextColourFollower(label, errorColour);
}

void showAsWarning(QLabel *label)
{
    new TextColourFollower(label, warningColour);
}

} // namespace ladder
