"""Plotly's own words on every chart: the toolbar's tooltips and its passing notices.

The English is Plotly's text exactly (its dictionary's key); ``dashboard.ui.charts`` hands the
Russian to Plotly as the chart's locale. Streamlit's own "Fullscreen" button is not Plotly's
and cannot be renamed.
"""

TEXTS = {
    "charts.plotly.png": ("Download plot as a PNG", "Скачать график (PNG)"),
    "charts.plotly.download": ("Download plot", "Скачать график"),
    "charts.plotly.json": ("Download plot as JSON", "Скачать график (JSON)"),
    "charts.plotly.zoom": ("Zoom", "Увеличить область"),
    "charts.plotly.pan": ("Pan", "Сдвинуть"),
    "charts.plotly.box": ("Box Select", "Выбрать прямоугольником"),
    "charts.plotly.lasso": ("Lasso Select", "Выбрать лассо"),
    "charts.plotly.zoom_in": ("Zoom in", "Приблизить"),
    "charts.plotly.zoom_out": ("Zoom out", "Отдалить"),
    "charts.plotly.autoscale": ("Autoscale", "Весь график"),
    "charts.plotly.reset_axes": ("Reset axes", "Сбросить оси"),
    "charts.plotly.reset": ("Reset", "Сбросить"),
    "charts.plotly.reset_view": ("Reset view", "Исходный вид"),
    "charts.plotly.reset_views": ("Reset views", "Исходный вид"),
    "charts.plotly.spikes": ("Toggle Spike Lines", "Линии к осям: вкл./выкл."),
    "charts.plotly.closest": ("Show closest data on hover", "Подсказка у ближайшей точки"),
    "charts.plotly.compare": ("Compare data on hover", "Подсказка для всех рядов сразу"),
    "charts.plotly.toggle_hover": (
        "Toggle show closest data on hover",
        "Подсказка у ближайшей точки: вкл./выкл.",
    ),
    "charts.plotly.orbit": ("Orbital rotation", "Вращение по орбите"),
    "charts.plotly.turntable": ("Turntable rotation", "Вращение вокруг оси"),
    "charts.plotly.camera_default": ("Reset camera to default", "Камера по умолчанию"),
    "charts.plotly.camera_saved": ("Reset camera to last save", "Последняя сохранённая камера"),
    "charts.plotly.draw_line": ("Draw line", "Нарисовать линию"),
    "charts.plotly.draw_open": ("Draw open freeform", "Нарисовать кривую"),
    "charts.plotly.draw_closed": ("Draw closed freeform", "Нарисовать замкнутую фигуру"),
    "charts.plotly.draw_rect": ("Draw rectangle", "Нарисовать прямоугольник"),
    "charts.plotly.draw_circle": ("Draw circle", "Нарисовать круг"),
    "charts.plotly.erase": ("Erase active shape", "Стереть выбранную фигуру"),
    "charts.plotly.share": ("Share chart...", "Поделиться графиком…"),
    "charts.plotly.logo": ("Produced with Plotly.js", "Сделано с Plotly.js"),
    "charts.plotly.snapshot": (
        "Taking snapshot - this may take a few seconds",
        "Снимок графика: это может занять несколько секунд",
    ),
    "charts.plotly.snapshot_done": ("Snapshot succeeded", "Снимок готов"),
    "charts.plotly.image_failed": (
        "Sorry, there was a problem downloading your image!",
        "Не удалось скачать изображение.",
    ),
    "charts.plotly.json_failed": (
        "Sorry, there was a problem downloading your JSON file!",
        "Не удалось скачать файл JSON.",
    ),
    "charts.plotly.zoom_back": (
        "Double-click to zoom back out",
        "Двойной щелчок — вернуть масштаб",
    ),
    "charts.plotly.isolate": (
        "Double-click on legend to isolate one trace",
        "Двойной щелчок по легенде оставит один ряд",
    ),
}
